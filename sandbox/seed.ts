/**
 * Deterministic demo leads: a fixed-seed PRNG, so `seed: N` yields the same N leads every run
 * (lead i is the same whatever N is).
 */
import { mustGet } from './fields';
import { formatUtcWallClock } from './timestamps';

const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella Ltd', 'Stark Industries', 'Wayne Enterprises', 'Hooli', 'Vandelay Imports', 'Soylent Co', 'Tyrell Systems', '北京星辰科技', 'Müller & Söhne GmbH'];
const PROJECTS = ['website redesign', 'CRM rollout', 'annual support contract', 'data migration', 'mobile app', 'cloud hosting', 'security audit', 'training package', 'ERP integration', 'marketing automation'];
const FIRST_NAMES = ['Alice', 'Bob', 'Carmen', 'Deepak', 'Elena', 'François', 'Grace', 'Hiro', 'Ivan', 'Julia', 'Kwame', 'Li Wei'];
const LAST_NAMES = ['Smith', 'Jones', 'García', 'Patel', 'Rossi', 'Dubois', 'Kim', 'Tanaka', 'Petrov', 'Novak', 'Mensah', 'Zhang'];
const PLACES: Array<[string, string]> = [['Berlin', 'DE'], ['Shanghai', 'CN'], ['Austin', 'US'], ['Lyon', 'FR'], ['Osaka', 'JP'], ['São Paulo', 'BR']];
const STAGES: Array<[string, number]> = [['new', 10], ['qualified', 30], ['proposition', 60], ['won', 100]];
const TEAMS = ['team_direct', 'team_europe', 'team_asia'];
const USERS = ['user_alice', 'user_bob', 'user_chen', 'user_dana'];

const TYPES = (mustGet('type').options ?? []).map((o) => o.value);
const PRIORITIES = (mustGet('priority').options ?? []).map((o) => o.value);
const SEED_EPOCH = Date.UTC(2024, 0, 1, 1, 0, 0);

/** mulberry32: tiny, fast, good enough for demo data (and for test data that must be the same on every run). */
export function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Scrambles the index first: nearby mulberry32 seeds give correlated first draws. */
function mix32(value: number): number {
	let h = value >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

export function seedLeadId(index: number): string {
	return `L${String(index + 1).padStart(6, '0')}`;
}

export function demoLeads(count: number): Array<Record<string, unknown>> {
	return Array.from({ length: count }, (_, index) => demoLead(index));
}

function demoLead(index: number): Record<string, unknown> {
	const random = prng(mix32(0x5eed ^ index));
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
	const company = pick(COMPANIES);
	const first = pick(FIRST_NAMES);
	const last = pick(LAST_NAMES);
	const [stage, probability] = pick(STAGES);
	const created = SEED_EPOCH + index * 97 * 60_000;
	const domain = `${company.toLowerCase().replace(/[^a-z]+/g, '') || 'example'}.example.com`;
	const place = random() < 0.6 ? pick(PLACES) : undefined;
	const lead: Record<string, unknown> = {
		id: seedLeadId(index),
		name: `${company} — ${pick(PROJECTS)}`,
		type: pick(TYPES),
		contact_name: `${first} ${last}`,
		partner_name: company,
		email_from: `${first}.${last}@${domain}`.toLowerCase(),
		phone: `+1 555 ${String(1000 + Math.floor(random() * 9000))}`,
		stage_id: stage,
		probability,
		team_id: pick(TEAMS),
		user_id: pick(USERS),
		priority: pick(PRIORITIES),
		expected_revenue: Math.round(random() * 500) * 100,
		active: 1,
		color: index % 12,
		city: place?.[0] ?? null,
		country_id: place?.[1] ?? null,
		create_date: formatUtcWallClock(new Date(created)),
		write_date: formatUtcWallClock(new Date(created + Math.floor(random() * 72) * 3_600_000)),
		create_uid: 'seed',
		write_uid: 'seed',
	};
	for (const name of Object.keys(lead)) mustGet(name); // a typo must not become an "extra" property
	return lead;
}
