export { ALL_OPERATIONS, callOrion, callOrionWrite, orion } from './orion';
