/** Every scenario, in the order they run. */
import type { Scenario } from '../environment';
import { dryRun } from './dry-run';
import { erpDynamicToken } from './erp-dynamic-token';
import { gs1Barcodes } from './gs1-barcodes';
import { nightlyCsvFailures } from './nightly-csv';
import { sendToMarket } from './send-to-market';
import { staticToken } from './static-token';
import { tokenRefresh, tokenReuse } from './token-storage';
import { wrongSecret } from './wrong-secret';

export const scenarios: Scenario[] = [
	erpDynamicToken,
	tokenReuse,
	tokenRefresh,
	staticToken,
	nightlyCsvFailures,
	sendToMarket,
	gs1Barcodes,
	dryRun,
	wrongSecret,
];
