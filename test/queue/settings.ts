/**
 * Settings of the queue-mode test (README.md): ports, load, and the names it depends on.
 *
 * Every port is fixed inside 5730-5739, the range this test may use on a shared machine.
 */

export const PORTS = {
	main: 5730,
	mainBroker: 5731,
	worker1Broker: 5732,
	worker1Health: 5733,
	worker2Broker: 5734,
	worker2Health: 5735,
	redis: 5736,
	postgres: 5737,
	sandbox: 5738,
} as const;

export const HOST = '127.0.0.1';

/** Webhook calls fired at once after the warm-up call. */
export const CALLS = Number(process.env.N8N_QUEUE_CALLS ?? 20);
export const SERIALS_PER_CALL = Number(process.env.N8N_QUEUE_SERIALS ?? 500);
/** 500 serials in requests of 100: five requests per execution, so tokens run out mid-run. */
export const BATCH_SIZE = 100;
/** Two requests of an execution at once (ignored by a node without that option). */
export const REQUESTS_IN_FLIGHT = 2;
/**
 * Each token serves this many decommission requests, then the sandbox refuses it as expired.
 * The run sends (CALLS + 1) × SERIALS_PER_CALL / BATCH_SIZE requests (105 by default), so the
 * first token expires about halfway through the burst.
 */
export const TOKEN_USES = Number(
	process.env.N8N_QUEUE_TOKEN_USES ??
		Math.ceil(((CALLS + 1) * Math.ceil(SERIALS_PER_CALL / BATCH_SIZE)) / 2),
);
/** Worker concurrency: below CALLS, so that one worker alone cannot take every job at once. */
export const WORKER_CONCURRENCY = 10;
/**
 * Token calls allowed per token expiry. The credential store has no lock: every request refused
 * in the moment between an expiry and the new token being stored fetches a token of its own.
 */
export const MAX_TOKEN_CALLS_PER_EXPIRY = Number(process.env.N8N_QUEUE_MAX_TOKEN_CALLS ?? 4);

/**
 * Names of the credential fields that were renamed for n8n's scanner (tokenType → authentication,
 * channelKey → channelSecretKey); N8N_QUEUE_AUTH_FIELD / N8N_QUEUE_CHANNEL_FIELD switch them.
 */
export const AUTHENTICATION_FIELD = process.env.N8N_QUEUE_AUTH_FIELD ?? 'authentication';
export const CHANNEL_KEY_FIELD = process.env.N8N_QUEUE_CHANNEL_FIELD ?? 'channelSecretKey';

export const WEBHOOK_PATH = 'movilitas-queue-test';
export const NODE_NAME = 'Movilitas Decommission';

/** n8n's log level in main and workers: debug logs the most lines for the secret scan. */
export const LOG_LEVEL = process.env.N8N_QUEUE_LOG_LEVEL ?? 'debug';
export const keep = process.env.N8N_QUEUE_KEEP === '1';
export const verbose = process.env.N8N_QUEUE_VERBOSE === '1';
/** Whole test, including Debian packages and a first n8n install. */
export const TOTAL_TIMEOUT_MS = Number(process.env.N8N_QUEUE_TOTAL_TIMEOUT_MS ?? 45 * 60_000);
/** From the burst to every execution finished. */
export const RUN_TIMEOUT_MS = Number(process.env.N8N_QUEUE_RUN_TIMEOUT_MS ?? 5 * 60_000);
/** n8n main or a worker from start to ready. */
export const START_TIMEOUT_MS = Number(process.env.N8N_QUEUE_START_TIMEOUT_MS ?? 3 * 60_000);
