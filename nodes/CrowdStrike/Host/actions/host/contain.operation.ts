import { deviceActionOperation } from './deviceAction';

/** Network containment: the host talks only to the CrowdStrike cloud (and what the containment policy allows). */
const operation = deviceActionOperation({
	operation: 'contain',
	action: 'contain',
	verb: 'contain',
	done: 'Contained',
	hidden: false,
	field: 'status',
	reached: ['containment_pending', 'contained'],
	refusal(record) {
		if (record.host_hidden_status === 'hidden') return 'the host is hidden';
		if (record.status === 'contained' || record.status === 'containment_pending') return `already contained (status ${String(record.status)})`;
		if (record.status === 'lift_containment_pending') return 'its containment is being lifted';
		if (record.linux_sensor_mode === 'User Mode') return 'containment is not supported by a Linux sensor in user mode';
		return undefined;
	},
});

export const description = operation.description;
export const execute = operation.execute;
