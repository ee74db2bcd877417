#!/usr/bin/env bash
# Writes the compile-time benchmark project: PROCESSES [SessionProcess] classes, each with 8 [On] handlers of
# varied shapes and one [OnTimeout], referencing this repository's Runtime (as a library) and Generator and
# Analyzers (as analyzers, like samples/*.csproj). Usage: write-project.sh DIR [PROCESSES]
set -euo pipefail
dir=$1
processes=${2:-200}
repo=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$dir/Processes"

# An empty Directory.Build.props/targets keeps whatever lies above DIR (e.g. /tmp) out of the build.
echo '<Project />' > "$dir/Directory.Build.props"
echo '<Project />' > "$dir/Directory.Build.targets"

cat > "$dir/CompileTime.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/Runtime/Runtime.csproj" />
    <ProjectReference Include="$repo/src/Generator/Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="$repo/src/Analyzers/Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
</Project>
XML

cat > "$dir/Shared.cs" <<'CS'
namespace CompileTime;

public sealed record Item(string Sku, decimal Price);
public sealed record OrderPlaced(string Sku, int Count);
public sealed record Noted(string Text, DateTimeOffset At);
public enum OrderResult { Accepted, Refused }
CS

for ((i = 0; i < processes; i++)); do
  cat > "$dir/Processes/Process$i.cs" <<CS
using SessionGen;

namespace CompileTime;

[SessionProcess]
public partial class Process$i
{
    private readonly List<string> notes = new();
    private string id = "";
    private int total;

    [On("Start", StartsSession = true)]
    private void Start(string id)
    {
        this.id = id;
        ScheduleExpire(TimeSpan.FromMinutes($((i % 7 + 1))));
    }

    [On("Add")]
    private int Add(int amount) => total += amount;

    [On("Rename")]
    private async Task Rename(string name, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        id = name;
    }

    [On("Query")]
    private Task<string> Query() => Task.FromResult(\$"{id}: {total}");

    [On("Tag")]
    private ValueTask Tag(string[] tags, int? weight)
    {
        notes.AddRange(tags);
        total += weight ?? 0;
        return ValueTask.CompletedTask;
    }

    [On("Order")]
    private OrderResult Order(Item item, int count)
    {
        if (count <= 0)
        {
            return OrderResult.Refused;
        }

        Emit(new OrderPlaced(item.Sku, count));
        return OrderResult.Accepted;
    }

    [On("Note")]
    private async ValueTask<int> Note(string text, DateTimeOffset at)
    {
        notes.Add(text);
        Emit(new Noted(text, at));
        await Task.CompletedTask;
        return notes.Count;
    }

    [On("Close")]
    private bool Close()
    {
        EndSession();
        return notes.Count > 0;
    }

    [OnTimeout("Expire")]
    private void Expire() => EndSession();
}
CS
done
