using System.Globalization;
using SessionGen.Crash.Worker;

// SessionGen.Crash.Worker <database file> <seed> <progress file> run|finish
//   run:    recovers, then drives every session of the seeded plan from where the progress file says, printing one line
//           per acknowledgment and per event, until it is killed.
//   finish: the same, but each session stops after its next acknowledged send; then waits for every timeout its applied
//           steps armed and prints each session's final state.
if (args.Length != 4 || args[3] is not ("run" or "finish"))
{
    Console.Error.WriteLine("usage: SessionGen.Crash.Worker <database file> <seed> <progress file> run|finish");
    return 2;
}

try
{
    var workload = new Workload(args[0], int.Parse(args[1], CultureInfo.InvariantCulture), Progress.Read(args[2]), finish: args[3] == "finish");
    await workload.RunAsync();
    return 0;
}
catch (Exception exception)
{
    Output.Line("fatal " + exception.GetType().Name + ": " + exception.Message.ReplaceLineEndings(" "));
    Console.Error.WriteLine(exception);
    return 1;
}
