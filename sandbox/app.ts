/** Everything a route handler may use, wired once per sandbox. */
import type { Clock } from './clock';
import type { FaultRegistry } from './faults';
import type { Flavour } from './flavour';
import type { ImportJobs, UploadStore } from './jobs';
import type { LeadService } from './leads';
import type { MessageService } from './messages';
import type { LeadStore } from './store';

export interface App {
	/** The generation of iBiz server the sandbox imitates. */
	flavour: Flavour;
	/** Cloud: also send x-totalx on lists (a data set with the TOTALX option). */
	listTotalX: boolean;
	/** Whether arrays of leads are taken (cloud save/create, classic /batch and /savebatch). */
	acceptArrays: boolean;
	store: LeadStore;
	leads: LeadService;
	messages: MessageService;
	clock: Clock;
	faults: FaultRegistry;
	uploads: UploadStore;
	jobs: ImportJobs;
	/** Test hook run before each fetch_default page is read (Sandbox.onListPage). */
	beforeListPage?: ListPageHook;
}

/** Called with the page asked for, before the page is read: it may change the list (tests). */
export type ListPageHook = (request: { page: number; size: number | undefined }) => void | Promise<void>;

/** Where /crm_leads lives, relative to basePath. */
export const RESOURCE = '/crm_leads';
/** Test-only endpoints. */
export const ADMIN = '/__sandbox';
