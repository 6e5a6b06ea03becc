import { processDetailsOperation } from '../../../shared/observed';

export const { description, execute } = processDetailsOperation({ show: { resource: ['process'], operation: ['get'] } });
