import { deviceActionOperation } from './deviceAction';

/** Restores a hidden host; hostnames and addresses are looked up among the hidden hosts. */
const operation = deviceActionOperation({
	operation: 'unhide',
	action: 'unhide_host',
	verb: 'unhide',
	done: 'Unhid',
	hidden: true,
	field: 'host_hidden_status',
	reached: ['visible'],
	refusal: (record) => (record.host_hidden_status === 'hidden' ? undefined : 'not hidden'),
});

export const description = operation.description;
export const execute = operation.execute;
