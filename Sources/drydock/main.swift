import DrydockCLI

DrydockCommand.main()
