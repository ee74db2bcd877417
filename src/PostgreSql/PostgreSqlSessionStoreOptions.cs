using System.Text.RegularExpressions;

namespace SessionGen;

/// <summary>Settings of a <see cref="PostgreSqlSessionStore"/>.</summary>
public sealed partial class PostgreSqlSessionStoreOptions
{
    private readonly string schema = "sessiongen";
    private readonly int maxBatchSize = 1_000;

    /// <summary>An Npgsql connection string; every connection of the store (the writer's and the pooled readers') uses it.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// The PostgreSQL schema that holds the store's tables (<c>sessiongen</c> unless set): created on first use when
    /// missing. Processes that share sessions must name the same schema; a lowercase SQL identifier
    /// (<c>[a-z_][a-z0-9_]*</c>, at most 63 characters), so it is never quoted differently by anyone.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not a lowercase SQL identifier.</exception>
    public string Schema
    {
        get => schema;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!SchemaName().IsMatch(value))
            {
                throw new ArgumentException($"'{value}' is not a lowercase SQL identifier ([a-z_][a-z0-9_]*, at most 63 characters).", nameof(value));
            }

            schema = value;
        }
    }

    /// <summary>
    /// The most writes committed in one transaction (1,000 unless set; at least 1). The writer never waits to fill a
    /// batch: it takes whatever is queued when it is free, up to this many.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxBatchSize
    {
        get => maxBatchSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            maxBatchSize = value;
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
