/**
 * Bad input, CrowdStrike Falcon IOC: thousands of generated bad values (test/reliability/bad-input/), each alone
 * after some valid items (no continueOnFail) and all of a field together (continueOnFail). Each
 * must fail with a NodeOperationError `Invalid "<Field>" in item N: …` before any request (token
 * calls included), the workflow must end with that error (no throw, no unhandled rejection), and
 * with continueOnFail each bad item must become exactly one error item paired with it.
 * `BAD_INPUT_COUNTS=1` prints how many bad inputs each operation got.
 */
import { KNOWN_BUGS } from './bad-input/known-bugs';
import { badInputSuite } from './bad-input/run';

badInputSuite({ nodes: ['crowdStrikeFalconIoc'], seed: 'bad-input-1', knownBugs: KNOWN_BUGS });
