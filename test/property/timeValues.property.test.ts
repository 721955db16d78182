/**
 * Time values, checked at random through the node against the sandbox (issue 35). The model is the
 * README's "Time values", in its own words: date text without an offset is server time (Server
 * Time Zone), exactly as the server writes it; text with an offset or `Z`, Dates and Luxon
 * DateTimes are instants; epoch numbers below 100,000,000,000 are seconds, larger ones
 * milliseconds. So one random instant, written any of those ways, is stored as the same server
 * text: the instant's wall-clock time in the Server Time Zone, `yyyy-MM-dd HH:mm:ss` (to the
 * minute for text that gives no seconds). The expected text is computed here with Luxon itself.
 * The node's output is that text, or with Convert Values the same time as ISO 8601 with offset.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';

import type { Flavour } from '../../sandbox/server';
import { runNode } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';
import { expectOneOutputPerInput, propertyTest } from './settings';

/** Server Time Zone as a user writes it (IANA names, UTC, offsets), and the same zone in Luxon's words. */
const SERVER_ZONES: Array<[credential: string, luxon: string]> = [
	['Asia/Shanghai', 'Asia/Shanghai'],
	['UTC', 'UTC'],
	['America/New_York', 'America/New_York'],
	['Europe/Berlin', 'Europe/Berlin'],
	['Australia/Lord_Howe', 'Australia/Lord_Howe'],
	['GMT+8', 'UTC+8'],
	['UTC-3', 'UTC-3'],
	['UTC+05:30', 'UTC+5:30'],
	['+09:00', 'UTC+9'],
];
/** Zones an instant may be written in (offset text, Luxon DateTimes) and workflows may run in. */
const OTHER_ZONES = ['UTC', 'Europe/London', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Sao_Paulo'];

type Spelling =
	| { kind: 'epochSeconds' }
	| { kind: 'epochMilliseconds' }
	| { kind: 'isoUtc' }
	| { kind: 'isoOffset'; zone: string }
	| { kind: 'serverText'; format: string }
	| { kind: 'date' }
	| { kind: 'luxon'; zone: string };

/** Spellings of server time without an offset (README: `2026-03-01 10:00`, `…:00`, `…:00.000`, `2026-03-01T10:00`). */
const SERVER_TEXT_FORMATS = ['yyyy-MM-dd HH:mm', 'yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm:ss.SSS', "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSS"];

const spellingArb: fc.Arbitrary<Spelling> = fc.oneof(
	fc.constant({ kind: 'epochSeconds' as const }),
	fc.constant({ kind: 'epochMilliseconds' as const }),
	fc.constant({ kind: 'isoUtc' as const }),
	fc.record({ kind: fc.constant('isoOffset' as const), zone: fc.constantFrom(...OTHER_ZONES) }),
	fc.record({ kind: fc.constant('serverText' as const), format: fc.constantFrom(...SERVER_TEXT_FORMATS) }),
	fc.constant({ kind: 'date' as const }),
	fc.record({ kind: fc.constant('luxon' as const), zone: fc.constantFrom(...OTHER_ZONES) }),
);

const caseArb = fc.record({
	zone: fc.constantFrom(...SERVER_ZONES),
	/** Options → Convert Values: timestamps come out as ISO 8601 with offset instead of the server's text. */
	convertValues: fc.boolean(),
	workflowZone: fc.constantFrom(...OTHER_ZONES),
	values: fc.array(
		fc.record({
			// 1975–2100, to the millisecond: epoch seconds stay below 100,000,000,000, milliseconds above.
			instant: fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2100, 0, 1) }),
			spelling: spellingArb,
		}),
		{ minLength: 1, maxLength: 8 },
	),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function written(instant: number, spelling: Spelling, serverZone: string): unknown {
	switch (spelling.kind) {
		case 'epochSeconds':
			return Math.floor(instant / 1000);
		case 'epochMilliseconds':
			return instant;
		case 'isoUtc':
			return new Date(instant).toISOString();
		case 'isoOffset':
			return DateTime.fromMillis(instant, { zone: spelling.zone }).toISO();
		case 'serverText':
			return DateTime.fromMillis(instant, { zone: serverZone }).toFormat(spelling.format);
		case 'date':
			return new Date(instant);
		case 'luxon':
			return DateTime.fromMillis(instant, { zone: spelling.zone });
	}
}

/** The server text the instant is stored as: its wall-clock time in the server's zone, to the minute when no seconds were given. */
function storedText(instant: number, spelling: Spelling, serverZone: string): string {
	const wall = DateTime.fromMillis(instant, { zone: serverZone });
	const givesSeconds = spelling.kind !== 'serverText' || spelling.format.includes('ss');
	return (givesSeconds ? wall : wall.startOf('minute')).toFormat('yyyy-MM-dd HH:mm:ss');
}

describe.each(['cloud', 'classic'] as Flavour[])('%s: time values', (flavour) => {
	const env = useSandbox({ flavour });
	let caseNumber = 0;

	async function check(c: Case): Promise<void> {
		const [credentialZone, serverZone] = c.zone;
		const prefix = `${flavour}-t${++caseNumber}`;
		const items = c.values.map(({ instant, spelling }, i) => ({
			json: { id: `${prefix}-${i}`, type: 'lead', name: spelling.kind, date_deadline: written(instant, spelling, serverZone) },
		}));
		const result = await runNode({
			credentials: { ...env.credentials, timeZone: credentialZone },
			timezone: c.workflowZone,
			parameters: { resource: 'lead', operation: 'upsert', dataMode: 'autoMapInputData', options: { convertValues: c.convertValues } },
			items: items as never,
			continueOnFail: true,
		});
		expectOneOutputPerInput(result, items.length);
		c.values.forEach(({ instant, spelling }, i) => {
			const stored = storedText(instant, spelling, serverZone);
			expect(result.items[i].json.errorKind).toBeUndefined();
			expect({ spelling, stored: env.sandbox.getLead(`${prefix}-${i}`)?.date_deadline }).toEqual({ spelling, stored });
			// The output: exactly what the server sent, or (Convert Values) that time as ISO 8601 with the server zone's offset.
			const iso = DateTime.fromFormat(stored, 'yyyy-MM-dd HH:mm:ss', { zone: serverZone }).toISO({ suppressMilliseconds: true });
			expect({ spelling, output: result.items[i].json.date_deadline }).toEqual({ spelling, output: c.convertValues ? iso : stored });
		});
	}

	propertyTest('one instant, written any way, is stored as the same server text', `time values ${flavour}`, caseArb, check, { quick: 10, soak: 300 });
});
