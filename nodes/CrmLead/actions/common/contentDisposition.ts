/** The file name from Content-Disposition (RFC 6266: filename* wins over filename). */
export function fileNameFromDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// A malformed filename* falls back to the plain filename below.
		}
	}
	const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
	const name = (plain?.[1] ?? plain?.[2])?.trim();
	return name || undefined;
}
