import DrydockCLI

await DrydockCommand.runMain()
