/**
 * The two generations of real iBiz servers the sandbox can imitate (docs/api/IBIZ-FLAVOURS.md):
 * `cloud`, the current central-cloud runtime (ibizlab-cloud/ibiz-service-hub), and `classic`,
 * the older generated services (ibiz4j/ibizlab-runtime). They differ in error shapes, login,
 * the tenant rule, check_key, deleted keys, list parsing and list headers.
 */
export const FLAVOURS = ['cloud', 'classic'] as const;

export type Flavour = (typeof FLAVOURS)[number];

export const DEFAULT_FLAVOUR: Flavour = 'cloud';

export function parseFlavour(raw: string): Flavour {
	if ((FLAVOURS as readonly string[]).includes(raw)) return raw as Flavour;
	throw new Error(`Unknown flavour '${raw}' (known: ${FLAVOURS.join(', ')})`);
}
