/**
 * Bad input, CrowdStrike Falcon Host and Alert: generated bad values (test/reliability/bad-input/),
 * each alone after some valid items (no continueOnFail) and all of a field together (continueOnFail).
 * Each must fail with a NodeOperationError `Invalid "<Field>" in item N: …` before any request (token
 * calls included); with continueOnFail each bad item must become exactly one error item paired with it.
 */
import { KNOWN_BUGS } from './bad-input/known-bugs';
import { badInputSuite } from './bad-input/run';

badInputSuite({ nodes: ['crowdStrikeFalconHost', 'crowdStrikeFalconAlert'], seed: 'bad-input-1', knownBugs: KNOWN_BUGS });
