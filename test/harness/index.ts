import './user-folder';

export { coreNodeTypes } from './core-nodes';
export {
	HarnessCredentialsHelper,
	type CredentialUpdate,
	type HarnessCredential,
} from './credentials-helper';
export {
	executeWorkflow,
	shutdownHarness,
	type ExecuteWorkflowOptions,
	type WorkflowResult,
} from './execute-workflow';
export { HarnessNodeTypes, PACKAGE_NAME, packageNodeType, type NodeTypeMap } from './node-types';
