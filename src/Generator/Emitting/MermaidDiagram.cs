using System.Collections.Generic;
using System.Linq;
using System.Text;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// A process's protocol as a Mermaid <c>stateDiagram-v2</c>: the initial state, one arrow per declared
/// transition labelled with the operations (and timeouts) that take it, and the final states.
/// </summary>
internal static class MermaidDiagram
{
    public static string Of(ProcessModel process)
    {
        ProtocolModel protocol = process.Protocol!;
        var text = new StringBuilder("stateDiagram-v2\n");
        text.Append("    [*] --> ").Append(protocol.States[0]).Append('\n');

        var labels = new SortedDictionary<(int From, int To), List<string>>();
        IEnumerable<(string Label, TransitionsModel Transitions)> handlers = process.Operations.Select(static o => (o.Name, o.Transitions))
            .Concat(process.Timeouts.Select(static t => ("timeout " + t.Name, t.Transitions)));
        foreach ((string label, TransitionsModel transitions) in handlers)
        {
            for (int from = 0; from < protocol.States.Count; from++)
            {
                for (int to = 0; to < protocol.States.Count; to++)
                {
                    if (Has(transitions.AcceptedStates, from) && Has(transitions.TargetStates, to) && !Has(protocol.FinalStates, from))
                    {
                        if (!labels.TryGetValue((from, to), out List<string>? names))
                        {
                            labels[(from, to)] = names = [];
                        }

                        names.Add(label);
                    }
                }
            }
        }

        foreach (KeyValuePair<(int From, int To), List<string>> arrow in labels)
        {
            text.Append("    ").Append(protocol.States[arrow.Key.From]).Append(" --> ").Append(protocol.States[arrow.Key.To])
                .Append(" : ").Append(string.Join(", ", arrow.Value)).Append('\n');
        }

        for (int state = 0; state < protocol.States.Count; state++)
        {
            if (Has(protocol.FinalStates, state))
            {
                text.Append("    ").Append(protocol.States[state]).Append(" --> [*]\n");
            }
        }

        return text.ToString();
    }

    private static bool Has(ulong mask, int state) => (mask & (1UL << state)) != 0;
}
