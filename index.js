// n8n loads the credential and node listed in package.json's "n8n" section from dist/;
// this entry point only exists so that the package resolves when required directly.
module.exports = {};
