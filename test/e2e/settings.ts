/** Names of the package under test and the test's settings from the environment (README.md). */

export const PACKAGE_NAME = 'n8n-nodes-movilitas';
export const NODE_TYPE = `${PACKAGE_NAME}.movilitasDecommission`;
export const CREDENTIAL_TYPE = 'movilitasApi';

export const verbose = process.env.N8N_E2E_VERBOSE === '1';
export const keep = process.env.N8N_E2E_KEEP === '1';
export const only = process.env.N8N_E2E_ONLY;
/** Timeout of the whole test: an hour per n8n version (a cold install takes up to ~10 minutes). */
export function totalTimeoutMs(versions: number): number {
	return Number(process.env.N8N_E2E_TOTAL_TIMEOUT_MS ?? versions * 60 * 60_000);
}

export const log = (line: string) => console.log(line);
