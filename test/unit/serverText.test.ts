/** The server's words made safe to show (credentials/common/serverText.ts): one line, bounded, and in linear time. */
import { boundedText } from '../../credentials/common/serverText';

test('line breaks, with the white space around them, become one "; "; other white space stays', () => {
	expect(boundedText('first line \r\n\r\n  second\tline  \n third')).toBe('first line; second\tline; third');
	expect(boundedText('  leading \n')).toBe('leading;');
	expect(boundedText('a  \u3000b')).toBe('a \u3000b');
});

test('a long run of white space is bounded in linear time (issue 32: it was quadratic, 128 KB took about 30 s, megabytes hours)', () => {
	const started = Date.now();
	const bounded = boundedText(`a${' '.repeat(128 * 1024)}b${'\t'.repeat(1024)}c`);
	expect(Date.now() - started).toBeLessThan(3000);
	expect(bounded.startsWith('a b\t')).toBe(true);
});
