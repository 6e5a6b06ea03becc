import { ioc } from '../../../api/ioc';
import { deviceCountOperation } from '../../../shared/observed';

export const { description, execute } = deviceCountOperation(ioc.deviceCount, {
	show: { resource: ['device'], operation: ['count'] },
});
