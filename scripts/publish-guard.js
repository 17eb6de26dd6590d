#!/usr/bin/env node
// prepublishOnly: refuses a publish that does not come from .github/workflows/publish.yml on the
// tag of this very version with a provenance statement, the way n8n requires community nodes to
// be published. A publish that skips scripts (.npmrc sets ignore-scripts, so a plain
// `npm publish` does) never reaches this guard: package.json's publishConfig.provenance makes
// npm itself refuse to publish outside GitHub Actions or GitLab CI. The workflow passes
// --ignore-scripts=false so that this guard, the lint and the scan run before the upload.
'use strict';

const WORKFLOW = '.github/workflows/publish.yml';

/** Everything wrong with publishing `version` from the environment `env`; empty when fine. */
function publishProblems(env, version) {
	const problems = [];
	if (env.GITHUB_ACTIONS !== 'true') {
		problems.push('not running in GitHub Actions (GITHUB_ACTIONS is not "true")');
	}
	const workflowRef = env.GITHUB_WORKFLOW_REF ?? '';
	if (!workflowRef.includes(`/${WORKFLOW}@`)) {
		problems.push(`not running in ${WORKFLOW} (GITHUB_WORKFLOW_REF is "${workflowRef}")`);
	}
	const tagRef = `refs/tags/v${version}`;
	if (env.GITHUB_REF !== tagRef) {
		problems.push(
			`not running for the tag v${version} of package.json's version (GITHUB_REF is "${env.GITHUB_REF ?? ''}", expected "${tagRef}")`,
		);
	}
	if (env.npm_config_provenance !== 'true') {
		problems.push('npm publish was not given --provenance');
	}
	return problems;
}

if (require.main === module) {
	const { version } = require('../package.json');
	const problems = publishProblems(process.env, version);
	if (problems.length > 0) {
		console.error(`Refusing to publish n8n-nodes-movilitas ${version}:`);
		for (const problem of problems) console.error(`  - ${problem}`);
		console.error(
			`Publish by pushing the tag v${version} (npm run release makes it); ${WORKFLOW} publishes it with provenance.`,
		);
		process.exitCode = 1;
	} else {
		console.log(`Publishing n8n-nodes-movilitas ${version} from ${WORKFLOW} with provenance.`);
	}
}

module.exports = { publishProblems };
