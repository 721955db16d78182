/**
 * The scripted model behind examples/ai-agent-lead-assistant.json, in the e2e suite and in
 * `npm run demo` (no internet, no OpenAI key). It is not a model: whatever the chat message says,
 * it creates a lead named after the message, qualifies it, posts the welcome message, looks the
 * qualified leads with that name up, and reports. It recognises the example by its tools.
 */
import { answer, callTool, offersTools, recordOf, recordsOf, lastResultOf, type Conversation, type ModelScript } from '../scriptedModel/script';

export const LEAD_ASSISTANT = {
	workflowFile: 'examples/ai-agent-lead-assistant.json',
	tools: ['Find_Leads', 'Create_Lead', 'Update_Lead_Stage', 'Post_Welcome_Message'],
	stage: 'qualified',
	probability: 30,
} as const;

/** The chat message, trimmed to a lead name. */
export function leadNameFrom(prompt: string): string {
	return prompt.trim().replace(/\s+/g, ' ').slice(0, 80) || 'New lead from the chat';
}

const createdLeadId = (c: Conversation) => String(recordOf(c, 'Create_Lead').id);

export const leadAssistantScript: ModelScript = {
	name: 'example: lead assistant',
	matches: offersTools(...LEAD_ASSISTANT.tools),
	steps: [
		(c) => callTool('Create_Lead', { type: 'lead', name: leadNameFrom(c.prompt), contactName: '', email: '' }),
		(c) =>
			callTool('Update_Lead_Stage', {
				leadId: createdLeadId(c),
				stage: LEAD_ASSISTANT.stage,
				probability: LEAD_ASSISTANT.probability,
			}),
		(c) => callTool('Post_Welcome_Message', { leadId: createdLeadId(c) }),
		(c) => callTool('Find_Leads', { stage: LEAD_ASSISTANT.stage, nameContains: leadNameFrom(c.prompt) }),
		(c) => {
			const found = recordsOf(lastResultOf(c, 'Find_Leads')).length;
			return answer(
				`(Scripted stand-in model, not a real one.) I created the lead "${leadNameFrom(c.prompt)}" (ID ${createdLeadId(c)}), ` +
					`moved it to ${LEAD_ASSISTANT.stage} at ${LEAD_ASSISTANT.probability} % and posted the welcome message. ` +
					`${found} ${LEAD_ASSISTANT.stage} lead(s) carry that name.`,
			);
		},
	],
};
