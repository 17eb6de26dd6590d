/**
 * The HTTP floor: a plain `fetch` client sending the same batches the node sends to the same
 * server, in a process of its own (as n8n is), with a token fetched before the clock starts (the
 * node reuses the token n8n stored). It builds each body, posts it, reads the answer's statuses,
 * and prints one JSON line: { ms, cpuMs, requests, confirmed }.
 *
 *   node fetch-floor.js <baseUrl> <token> <channelKey> <productCode> <prefix> <serials> <batchSize> <inFlight>
 */
import { performance } from 'node:perf_hooks';

import { DECOMMISSION_PATH } from '../sandbox/server';
import { serialsOf } from './workflows';

export interface FloorResult {
	ms: number;
	/** CPU time (user + system) the client process spent while sending. */
	cpuMs: number;
	requests: number;
	confirmed: number;
}

async function main(): Promise<FloorResult> {
	const [baseUrl, token, channelKey, productCode, prefix, count, batch, inFlight] =
		process.argv.slice(2);
	const serials = serialsOf({ prefix, serials: Number(count) });
	const batchSize = Number(batch);
	const batches: string[][] = [];
	for (let start = 0; start < serials.length; start += batchSize) {
		batches.push(serials.slice(start, start + batchSize));
	}
	let next = 0;
	let confirmed = 0;
	const worker = async () => {
		while (next < batches.length) {
			const batchSerials = batches[next++];
			const response = await fetch(`${baseUrl}${DECOMMISSION_PATH}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-access-token': token,
					'x-channel-key': channelKey,
				},
				body: JSON.stringify({
					product_code: productCode,
					product_code_schema: 'GTIN',
					reason: 'destroy',
					send_to_market: false,
					serials: batchSerials,
				}),
			});
			if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
			const answer = (await response.json()) as {
				data?: Array<{ serial_number?: string; status?: string }>;
			};
			// The least a client must do with the answer: each serial's status, by serial.
			const statuses = new Map(
				(answer.data ?? []).map((entry) => [entry.serial_number, entry.status]),
			);
			for (const serial of batchSerials) if (statuses.get(serial) === 'Decommissioned') confirmed++;
		}
	};
	const started = performance.now();
	const cpuBefore = process.cpuUsage();
	await Promise.all(Array.from({ length: Number(inFlight) }, worker));
	const cpu = process.cpuUsage(cpuBefore);
	const ms = performance.now() - started;
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, requests: batches.length, confirmed };
}

main().then(
	(result) => console.log(JSON.stringify(result)),
	(error: Error) => {
		console.error(error.message);
		process.exit(1);
	},
);
