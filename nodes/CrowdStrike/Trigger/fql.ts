/** The trigger's FQL pieces, shared with the nodes that add conditions to a user's filter. */
export { andFql, fqlTime } from '../shared/fql';
