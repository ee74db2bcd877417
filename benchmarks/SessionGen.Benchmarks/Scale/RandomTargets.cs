namespace SessionGen.Benchmarks.Scale;

/// <summary>
/// A fixed pseudo-random sequence of targets drawn from a population (seeded, so every row and run draws the same
/// sequence); long enough (65,536) that the sequence does not sit in the CPU caches for the 1,000,000-session rows.
/// </summary>
public static class RandomTargets
{
    /// <summary>Length of the sequence; a power of two so the next index is a mask, not a division.</summary>
    public const int Length = 1 << 16;

    /// <summary>The sequence's index mask.</summary>
    public const int Mask = Length - 1;

    /// <summary>Draws <see cref="Length"/> items of <paramref name="population"/> at random (with repetition).</summary>
    public static T[] Draw<T>(IReadOnlyList<T> population)
    {
        var random = new Random(16);
        var targets = new T[Length];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = population[random.Next(population.Count)];
        }

        return targets;
    }
}
