/**
 * The model's side of the agent scenarios (test/e2e/workflows/agent-*.json): each script
 * matches its workflow's prompt marker and says, turn by turn, which CRM Lead tool to call.
 * The constants are what the tests then look for in the sandbox and the run data.
 */
import {
	answer,
	callTool,
	callTools,
	lastResultOf,
	promptIncludes,
	recordOf,
	recordsOf,
	type ModelScript,
} from '../scriptedModel/script';

export const CREATE_THEN_GET = {
	workflowId: 'e2eAgentCreateGet',
	marker: '[e2e:create-then-get]',
	leadName: 'Agent e2e lead',
} as const;

export const createThenGetScript: ModelScript = {
	name: 'agent: create then get',
	matches: promptIncludes(CREATE_THEN_GET.marker),
	steps: [
		() => callTool('Create_Lead', { type: 'lead', name: CREATE_THEN_GET.leadName }),
		(c) => callTool('Get_Lead', { leadId: String(recordOf(c, 'Create_Lead').id) }),
		(c) => {
			const lead = recordOf(c, 'Get_Lead');
			return answer(`Lead ${String(lead.id)} is named "${String(lead.name)}".`);
		},
	],
};

export const STAGE_PROBABILITY = {
	workflowId: 'e2eAgentStageProb',
	marker: '[e2e:stage-probability]',
	stage: 'agent_review',
	probability: 65,
} as const;

/** Finds the stage's leads, then updates all of them in one turn (parallel tool calls). */
export const stageProbabilityScript: ModelScript = {
	name: 'agent: stage probability',
	matches: promptIncludes(STAGE_PROBABILITY.marker),
	steps: [
		() => callTool('Find_Leads', { stage: STAGE_PROBABILITY.stage, nameContains: '' }),
		(c) => {
			const leads = recordsOf(lastResultOf(c, 'Find_Leads'));
			if (leads.length === 0) return answer(`No lead is in stage ${STAGE_PROBABILITY.stage}.`);
			return callTools(
				...leads.map((lead) => ({
					tool: 'Update_Lead',
					arguments: { leadId: String(lead.id), probability: STAGE_PROBABILITY.probability },
				})),
			);
		},
		(c) => answer(`Updated ${c.toolResults.filter((r) => r.tool === 'Update_Lead').length} leads.`),
	],
};

export const UNKNOWN_LEAD = {
	workflowId: 'e2eAgentUnknownLead',
	marker: '[e2e:unknown-lead]',
	leadId: 'no-such-lead-e2e',
} as const;

/** Asks for a lead that does not exist, then repeats what the tool answered. */
export const unknownLeadScript: ModelScript = {
	name: 'agent: unknown lead',
	matches: promptIncludes(UNKNOWN_LEAD.marker),
	steps: [
		() => callTool('Get_Lead', { leadId: UNKNOWN_LEAD.leadId }),
		(c) => answer(`The CRM answered: ${lastResultOf(c, 'Get_Lead').text}`),
	],
};

export const STREAMED = {
	workflowId: 'e2eAgentStreamed',
	webhookPath: 'agent-e2e-streamed',
	marker: '[e2e:streamed]',
	leadName: 'Agent streamed lead',
} as const;

/** The same moves as any other script; the workflow's streaming webhook makes n8n ask for SSE. */
export const streamedScript: ModelScript = {
	name: 'agent: streamed',
	matches: promptIncludes(STREAMED.marker),
	steps: [
		() => callTool('Create_Lead', { type: 'opportunity', name: STREAMED.leadName }),
		(c) => answer(`Created the opportunity ${String(recordOf(c, 'Create_Lead').id)}.`),
	],
};
