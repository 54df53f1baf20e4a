// Run by `npm ci`: says at once whether this Node.js can run the pinned AWS CDK CLI, and what to install if not.
// The CLI (package.json) supports the Node.js releases in long-term support: 22 and 24; it still starts on 18 and
// 20, printing an end-of-life banner on every command.
const major = Number(process.versions.node.split('.')[0]);
const cli = require('./package.json').devDependencies['aws-cdk'];
if (major < 18) {
  console.error(`Node.js ${process.version} cannot run the pinned AWS CDK CLI ${cli}: install Node.js 22 or 24.`);
  process.exit(1);
}
if (major < 22) {
  console.warn(`note: Node.js ${process.version} is end-of-life; the pinned AWS CDK CLI ${cli} supports Node.js 22 and 24.`
    + ' It works here, with a warning banner on every command, until you upgrade.');
}
