// Fails fast, in one line, when the project is run on a Node older than the one it needs.
const needed = 24
const found = process.versions.node
if (Number(found.split('.')[0]) < needed) {
  console.error(
    `This project needs Node ${needed} LTS or later; found Node ${found}. Install Node ${needed} (nvm install ${needed}, or run \`. scripts/use-node24.sh\`, which fetches it from the npm registry).`,
  )
  process.exit(1)
}
