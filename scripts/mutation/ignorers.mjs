// @ts-check
/**
 * What a mutation run does not mutate (the exclusions of CONTRIBUTING, "Mutation testing"), as a
 * Stryker ignore plugin: each ignored mutant stays in the report with status Ignored and the
 * reason below, so the list of exclusions is the report itself (`npm run test:mutation` prints it
 * per module).
 *
 * - `error-wording`: the words of an error — the message and description given to an error
 *   (NodeOperationError, NodeApiError, FieldValueError, LoginError, UrlBuildError, Error,
 *   pagingError) and a `message` variable built for one. Which error is raised, its kind and its
 *   status are code and stay mutated; the tests that check a message's words (the README's
 *   "ignores the "sort" parameter", "caps pages at N rows"…) check them whatever this says.
 * - `node-description`: a node's `description` (display names, descriptions, defaults of the
 *   editor panel): checked by the description and schema tests, not code that keeps a promise.
 */
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const ERROR_BUILDERS = new Set(['NodeOperationError', 'NodeApiError', 'FieldValueError', 'LoginError', 'UrlBuildError', 'Error', 'pagingError']);
const WORDING_PROPERTIES = new Set(['message', 'description']);
const WORDING = 'error-wording: only the words of an error message or description change';

/** @param {any} node */
const calleeName = (node) => (node.callee?.type === 'Identifier' ? node.callee.name : undefined);

/** @param {any} path whether the call or `new` expression builds an error */
const buildsError = (path) => (path?.isNewExpression() || path?.isCallExpression()) && ERROR_BUILDERS.has(calleeName(path.node));

/** @param {any} path a text value: a string, a template, or a choice between texts */
const isText = (path) =>
	path.isStringLiteral() || path.isTemplateLiteral() || (path.isConditionalExpression() && isText(path.get('consequent')) && isText(path.get('alternate')));

/** @param {any} path */
function errorWording(path) {
	if (!isText(path)) return undefined;
	const parent = path.parentPath;
	// new FieldValueError(field, `reason`), pagingError(node, `message`), new LoginError(`message`)…
	if (path.listKey === 'arguments' && buildsError(parent)) return WORDING;
	// { message: …, description: … } handed to an error
	if (parent?.isObjectProperty() && path.key === 'value' && WORDING_PROPERTIES.has(parent.node.key?.name) && buildsError(parent.parentPath?.parentPath)) return WORDING;
	// message = `…` (login.ts builds a LoginError's text in steps)
	if (parent?.isAssignmentExpression() && path.key === 'right' && parent.node.left.type === 'Identifier' && parent.node.left.name === 'message') return WORDING;
	return undefined;
}

/** @param {any} path */
function nodeDescription(path) {
	const isDescription = path.isClassProperty() && path.node.key?.name === 'description' && !path.node.static;
	return isDescription ? "node-description: the editor panel's texts and defaults, checked by the description tests" : undefined;
}

export const strykerPlugins = [
	declareValuePlugin(PluginKind.Ignore, 'error-wording', { shouldIgnore: errorWording }),
	declareValuePlugin(PluginKind.Ignore, 'node-description', { shouldIgnore: nodeDescription }),
];
