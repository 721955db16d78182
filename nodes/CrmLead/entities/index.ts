/** Every entity the node has a page and a table for, besides the lead. */
import { ACTIVITY } from './activity';
import { CONTACT } from './contact';
import type { Entity } from './entity';
import { MESSAGE } from './message';
import { STAGE } from './stage';

export const ENTITIES: readonly Entity[] = [CONTACT, STAGE, ACTIVITY, MESSAGE];

export const ENTITIES_BY_RESOURCE: ReadonlyMap<string, Entity> = new Map(ENTITIES.map((e) => [e.resource, e]));

export { ACTIVITY, CONTACT, MESSAGE, STAGE };
export type { Entity, EntityAction, EntityList, EntityParent } from './entity';
