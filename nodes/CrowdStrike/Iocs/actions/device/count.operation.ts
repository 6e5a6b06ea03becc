import { iocs } from '../../../api/iocs';
import { deviceCountOperation } from '../../../shared/observed';

export const { description, execute } = deviceCountOperation(iocs.devicesCount, {
	show: { resource: ['device'], operation: ['count'] },
});
