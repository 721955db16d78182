/**
 * A set of lead IDs as a short text (pure, unit-tested): the trigger keeps the IDs of every lead
 * it must watch for deletion in its static data, and 100,000 of them as a JSON list would take
 * 3.9 MB (UUIDs). Here they are sorted and front-coded — each ID stored as the length it shares
 * with the one before plus the rest — and every character is stored in as few bits as the set's
 * own alphabet needs: when all IDs have one length, an alphabet per position (a UUID's dashes
 * and version digit then cost nothing, its hex digits 4 bits), else one alphabet for all. The bits
 * are written as base64. 100,000 random UUIDs take about 1.8 MB, 100,000 IDs counted up
 * (`L000001`…) about 170 KB; the empty set is one character.
 *
 * Numbers are written as Elias gamma codes (small numbers in few bits).
 */

const VERSION = 'a';
/** IDs longer than this are stored with one alphabet for all positions. */
const MAX_FIXED_LENGTH = 255;

/** Numbers up to 2^30 go through 32-bit integer operations; larger ones (counts never are) are split. */
const CHUNK = 24;

class BitWriter {
	private readonly bytes: number[] = [];
	/** Bits not yet written out, the first in the highest place. */
	private pending = 0;
	private pendingBits = 0;

	/** `width` low bits of `value`, most significant first. */
	bits(value: number, width: number): void {
		if (width > CHUNK) {
			this.bits(Math.floor(value / 2 ** CHUNK), width - CHUNK);
			this.bits(value % 2 ** CHUNK, CHUNK);
			return;
		}
		this.pending = (this.pending << width) | (value & ((1 << width) - 1));
		this.pendingBits += width;
		while (this.pendingBits >= 8) {
			this.pendingBits -= 8;
			this.bytes.push((this.pending >>> this.pendingBits) & 0xff);
		}
		this.pending &= (1 << this.pendingBits) - 1;
	}

	bit(value: number): void {
		this.bits(value, 1);
	}

	/** Elias gamma code of `value` ≥ 1: as many zeros as it has bits after the first, then its bits. */
	gamma(value: number): void {
		const width = Math.floor(Math.log2(value)) + 1;
		this.bits(0, width - 1);
		this.bits(value, width);
	}

	finish(): Uint8Array {
		if (this.pendingBits > 0) this.bytes.push((this.pending << (8 - this.pendingBits)) & 0xff);
		return Uint8Array.from(this.bytes);
	}
}

class BitReader {
	private position = 0;

	constructor(private readonly bytes: Uint8Array) {}

	bit(): number {
		const byte = this.bytes[this.position >> 3];
		if (byte === undefined) throw new Error('the packed ID set ends too early');
		const value = (byte >> (7 - (this.position & 7))) & 1;
		this.position++;
		return value;
	}

	bits(width: number): number {
		let value = 0;
		while (width > 0) {
			const byte = this.bytes[this.position >> 3];
			if (byte === undefined) throw new Error('the packed ID set ends too early');
			const offset = this.position & 7;
			const take = Math.min(width, 8 - offset);
			value = value * 2 ** take + ((byte >> (8 - offset - take)) & ((1 << take) - 1));
			this.position += take;
			width -= take;
		}
		return value;
	}

	gamma(): number {
		let zeros = 0;
		while (this.bit() === 0) {
			if (++zeros > 52) throw new Error('the packed ID set holds a number out of range');
		}
		return 2 ** zeros + this.bits(zeros);
	}
}

/** Bits needed to tell `size` symbols apart (0 for a single one). */
const widthFor = (size: number): number => (size <= 1 ? 0 : Math.ceil(Math.log2(size)));

function writeAlphabet(out: BitWriter, alphabet: readonly number[]): void {
	out.gamma(alphabet.length);
	alphabet.forEach((code, index) => out.gamma(index === 0 ? code + 1 : code - alphabet[index - 1]));
}

function readAlphabet(input: BitReader): number[] {
	const size = input.gamma();
	const alphabet: number[] = [];
	for (let i = 0; i < size; i++) alphabet.push(i === 0 ? input.gamma() - 1 : alphabet[i - 1] + input.gamma());
	return alphabet;
}

const sortedCodes = (codes: Iterable<number>): number[] => [...new Set(codes)].sort((a, b) => a - b);

/** A character code's place in an alphabet: a table for ASCII (the usual IDs), a map beyond. */
function indexOf(alphabet: readonly number[]): (code: number) => number {
	const ascii = new Int16Array(128).fill(-1);
	const other = new Map<number, number>();
	alphabet.forEach((code, index) => (code < 128 ? (ascii[code] = index) : other.set(code, index)));
	return (code) => (code < 128 ? ascii[code] : other.get(code)!);
}

/** Packs a set of IDs (any order, duplicates ignored; the empty string is not an ID). */
export function packIds(ids: Iterable<string>): string {
	const sorted = [...new Set(ids)].filter((id) => id !== '').sort();
	if (sorted.length === 0) return VERSION;
	const out = new BitWriter();
	out.gamma(sorted.length + 1);
	const length = sorted[0].length;
	const fixed = length <= MAX_FIXED_LENGTH && sorted.every((id) => id.length === length);
	out.bit(fixed ? 1 : 0);
	let alphabets: number[][];
	if (fixed) {
		out.gamma(length);
		alphabets = Array.from({ length }, (_, position) => sortedCodes(sorted.map((id) => id.charCodeAt(position))));
		alphabets.forEach((alphabet) => writeAlphabet(out, alphabet));
	} else {
		const all = sortedCodes(sorted.flatMap((id) => Array.from({ length: id.length }, (_, i) => id.charCodeAt(i))));
		writeAlphabet(out, all);
		alphabets = [all];
	}
	const indexes = alphabets.map(indexOf);
	const widths = alphabets.map((alphabet) => widthFor(alphabet.length));
	let previous = '';
	for (const id of sorted) {
		let shared = 0;
		while (shared < previous.length && shared < id.length && previous.charCodeAt(shared) === id.charCodeAt(shared)) shared++;
		out.gamma(shared + 1);
		if (!fixed) out.gamma(id.length - shared + 1);
		for (let position = shared; position < id.length; position++) {
			const slot = fixed ? position : 0;
			out.bits(indexes[slot](id.charCodeAt(position)), widths[slot]);
		}
		previous = id;
	}
	return VERSION + Buffer.from(out.finish()).toString('base64');
}

/** The IDs of a packed set, sorted. */
export function unpackIds(packed: string | undefined): string[] {
	if (packed === undefined || packed === VERSION || packed === '') return [];
	if (!packed.startsWith(VERSION)) throw new Error('the packed ID set has an unknown format');
	const input = new BitReader(Uint8Array.from(Buffer.from(packed.slice(VERSION.length), 'base64')));
	const count = input.gamma() - 1;
	const fixed = input.bit() === 1;
	const length = fixed ? input.gamma() : 0;
	const alphabets = fixed ? Array.from({ length }, () => readAlphabet(input)) : [readAlphabet(input)];
	const widths = alphabets.map((alphabet) => widthFor(alphabet.length));
	const ids: string[] = [];
	let previous = '';
	for (let n = 0; n < count; n++) {
		const shared = input.gamma() - 1;
		const total = fixed ? length : shared + input.gamma() - 1;
		let rest = '';
		for (let position = shared; position < total; position++) {
			const alphabet = alphabets[fixed ? position : 0];
			rest += String.fromCharCode(alphabet[input.bits(widths[fixed ? position : 0])]);
		}
		previous = previous.slice(0, shared) + rest;
		ids.push(previous);
	}
	return ids;
}
