/** Every script the scripted model plays in the e2e suite. */
import type { ModelScript } from '../scriptedModel/script';
import { createThenGetScript, stageProbabilityScript, streamedScript, unknownLeadScript } from './agentScenarios';
import { leadAssistantScript } from './leadAssistantExample';

export const E2E_MODEL_SCRIPTS: readonly ModelScript[] = [
	createThenGetScript,
	stageProbabilityScript,
	unknownLeadScript,
	streamedScript,
	leadAssistantScript,
];
