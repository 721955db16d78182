import {
	batchingOption,
	convertValuesOption,
	optionsCollection,
	requestOptions,
	unknownFieldsOption,
} from '../../common/options.description';

/** The Options of every operation that writes a lead from mapped fields. */
export const writeOptions = optionsCollection([...requestOptions, batchingOption, convertValuesOption, unknownFieldsOption]);
