import StreamLabCLI

StreamLabCommand.mainReportingBadInput()
