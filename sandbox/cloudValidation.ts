/**
 * The cloud runtime's answer to a lead body with bad values (errors.validationFailed):
 * - a value that cannot be converted to its field's type fails first, while the request DTO is
 *   built (EntityDTO.reload): DataEntityRuntimeException, INTERNALERROR,
 *   "转化数据[<value>]至[<type name>]发生异常，<cause>" (type names: DataTypeUtils.getTypeName).
 *   The real cause is the Java parser's message and does not name the field; the sandbox puts
 *   its own explanation there, so the message always names the field;
 * - otherwise the entity check (DataEntityRuntimeBase.checkFieldValueRule) collects field errors
 *   into an EntityException, INPUTERROR: message = EntityFieldError.toString() per field, joined
 *   by CRLF ("<logic name>[数据输入为空错误]", "<logic name>(<value>)[值规则错误], <info>"), and
 *   `details` naming each field.
 */
import { CLOUD_CODES, FIELD_ERROR_TYPES, type CloudEnvelope, type CloudFieldError } from './apiErrors';
import { describeProblem, type FieldProblem } from './fieldProblems';
import { LEAD_FIELDS_BY_NAME, type WireType } from './fields';

const TYPE_NAMES: Record<WireType, string> = {
	String: '字符型',
	Integer: '整数型',
	Double: '数值型',
	BigDecimal: '数值型',
	Timestamp: '日期时间型',
	Object: '未知类型',
};

/** EntityFieldError.getErrorTypeString. */
const ERROR_TYPE_TEXT: Record<number, string> = {
	[FIELD_ERROR_TYPES.EMPTY]: '数据输入为空错误',
	[FIELD_ERROR_TYPES.DATATYPE]: '数据类型不正确错误',
	[FIELD_ERROR_TYPES.VALUERULE]: '值规则错误',
	[FIELD_ERROR_TYPES.DUPLICATE]: '值重复错误',
};

export function cloudValidationEnvelope(problems: readonly FieldProblem[]): CloudEnvelope {
	const conversion = problems.find((p) => p.code === 'invalid');
	if (conversion) {
		const typeName = TYPE_NAMES[LEAD_FIELDS_BY_NAME.get(conversion.field)?.wireType ?? 'Object'];
		return {
			type: 'DataEntityRuntimeException',
			code: CLOUD_CODES.INTERNALERROR,
			message: `转化数据[${javaText(conversion.value)}]至[${typeName}]发生异常，${describeProblem(conversion)}`,
		};
	}
	const details = problems.map(fieldError);
	return { type: 'EntityException', code: CLOUD_CODES.INPUTERROR, message: problems.map((p, i) => fieldErrorText(p, details[i])).join('\r\n'), details };
}

function fieldError(problem: FieldProblem): CloudFieldError {
	const required = problem.code === 'required';
	return {
		fieldname: problem.field,
		fieldlogicname: LEAD_FIELDS_BY_NAME.get(problem.field)?.label ?? problem.field,
		fielderrortype: required ? FIELD_ERROR_TYPES.EMPTY : FIELD_ERROR_TYPES.VALUERULE,
		fielderrorinfo: required ? null : describeProblem(problem),
	};
}

/** EntityFieldError.toString(): the value in parentheses when there is one, the info after a comma. */
function fieldErrorText(problem: FieldProblem, error: CloudFieldError): string {
	const value = problem.value === undefined || problem.value === null ? '' : `(${javaText(problem.value)})`;
	const info = error.fielderrorinfo === null ? '' : `, ${error.fielderrorinfo}`;
	return `${error.fieldlogicname}${value}[${ERROR_TYPE_TEXT[error.fielderrortype]}]${info}`;
}

/** A value as Java's toString() would print it (strings bare, the rest as JSON). */
function javaText(value: unknown): string {
	return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}
