using Tally.Cli;

return await TallyCommandLine.RunAsync(args);
