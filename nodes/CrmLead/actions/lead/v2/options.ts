import {
	batchingOption,
	bulkOption,
	convertValuesOption,
	optionsCollection,
	requestOptions,
	unknownFieldsOption,
} from '../../common/options.description';
import { MAP_AUTOMATICALLY } from '../../common/leadColumns.description';

const writeEntries = [...requestOptions, batchingOption, convertValuesOption, unknownFieldsOption(MAP_AUTOMATICALLY)];

/** The Options of every operation that writes a lead from mapped fields. */
export const writeOptions = optionsCollection(writeEntries);

/** Create or Update's Options: the write options plus Leads Per Request (bulk). */
export const upsertOptions = optionsCollection([...writeEntries, bulkOption]);
