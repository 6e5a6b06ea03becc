/**
 * Bad input, Quick Scan Pro: the generated bad values of test/reliability/bad-input/ for every
 * operation's fields, each alone after some valid items (no On Error → Continue) and all of a field
 * together (On Error → Continue). Each must fail with `Invalid "<Field>" in item N: …` before any
 * request (token calls included), and with On Error → Continue become exactly one error item.
 */
import { badInputSuite } from '../reliability/bad-input/run';

badInputSuite({ nodes: ['crowdStrikeFalconQuickScanPro'], seed: 'bad-input-qsp' });
