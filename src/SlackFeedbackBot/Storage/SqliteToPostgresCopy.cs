using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace SlackFeedbackBot.Storage;

/// <summary>What one table's copy moved: the rows read from SQLite and the rows PostgreSQL then held.</summary>
public sealed record TableCopy(string Table, long SourceRows, long TargetRows);

/// <summary>Why a copy was refused before anything was written.</summary>
public sealed class CopyRefusedException(string message) : Exception(message);

/// <summary>
/// Copies every table of a SQLite database into a PostgreSQL database that already has the same tables (its own
/// migrations applied) and no rows yet, in one transaction: each table in one binary COPY (so rows that point at rows of
/// their own table later in it are fine), in the order the foreign keys ask for, each value converted to its target
/// column's type (0/1 to boolean, integers to smaller integers …). Ids are kept and the identity sequences moved past
/// them. The counts of every table are compared before the commit; any difference rolls everything back. Left out:
/// SQLite's own tables, FTS5 tables and their shadow tables (PostgreSQL indexes the text itself), columns PostgreSQL
/// generates, and the tables the caller names.
/// </summary>
public static class SqliteToPostgresCopy
{
    public static async Task<IReadOnlyList<TableCopy>> CopyAsync(
        SqliteConnection source, NpgsqlConnection target, IReadOnlySet<string> leaveOut, CancellationToken ct)
    {
        var tables = SourceTables(source).Where(t => !leaveOut.Contains(t)).ToList();
        var targetColumns = await TargetColumnsAsync(target, ct);
        foreach (var table in tables)
        {
            if (!targetColumns.ContainsKey(table))
            {
                throw new CopyRefusedException($"PostgreSQL has no table {table}; apply the bot's migrations to it first (`SlackFeedbackBot migrate` with Storage:Provider=Postgres), with the same release as the SQLite file.");
            }

            if (await target.ExecuteScalarAsync<long>($"SELECT count(*) FROM {Quote(table)}") > 0)
            {
                throw new CopyRefusedException($"PostgreSQL's {table} already has rows; copy into a new, empty database (nothing was written).");
            }
        }

        var ordered = await ParentsFirstAsync(target, tables, ct);
        await using var tx = await target.BeginTransactionAsync(ct);
        var copies = new List<TableCopy>();
        foreach (var table in ordered)
        {
            var columns = ColumnsToCopy(source, table, targetColumns[table]);
            var sourceRows = await CopyTableAsync(source, target, table, columns, ct);
            var targetRows = await target.ExecuteScalarAsync<long>($"SELECT count(*) FROM {Quote(table)}", transaction: tx);
            copies.Add(new TableCopy(table, sourceRows, targetRows));
            await MoveIdentitiesPastAsync(target, tx, table, targetColumns[table]);
        }

        if (copies.Any(c => c.SourceRows != c.TargetRows))
        {
            await tx.RollbackAsync(ct);
            return copies;
        }

        await tx.CommitAsync(ct);
        return copies;
    }

    private sealed record TargetColumn(string Name, string DataType, bool Generated, bool Identity);

    private static List<string> SourceTables(SqliteConnection source)
    {
        var all = source.Query<(string Name, string Sql)>(
            "SELECT name, COALESCE(sql, '') FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").ToList();
        var virtualTables = all.Where(t => t.Sql.StartsWith("CREATE VIRTUAL TABLE", StringComparison.OrdinalIgnoreCase)).Select(t => t.Name).ToList();
        return all
            .Where(t => !virtualTables.Contains(t.Name) && !virtualTables.Any(v => t.Name.StartsWith(v + "_", StringComparison.Ordinal)))
            .Select(t => t.Name)
            .ToList();
    }

    private static async Task<Dictionary<string, List<TargetColumn>>> TargetColumnsAsync(NpgsqlConnection target, CancellationToken ct)
    {
        var rows = await target.QueryAsync<(string Table, string Column, string DataType, string Generated, string Identity)>(
            new CommandDefinition(
                """
                SELECT table_name, column_name, data_type, is_generated, is_identity
                FROM information_schema.columns
                WHERE table_schema = current_schema()
                ORDER BY table_name, ordinal_position
                """,
                cancellationToken: ct));
        return rows
            .GroupBy(r => r.Table)
            .ToDictionary(g => g.Key, g => g.Select(r => new TargetColumn(r.Column, r.DataType, r.Generated == "ALWAYS", r.Identity == "YES")).ToList());
    }

    // Tables that others point at go first; the rest keep their name order. A table pointing at itself is one COPY.
    private static async Task<List<string>> ParentsFirstAsync(NpgsqlConnection target, List<string> tables, CancellationToken ct)
    {
        var references = (await target.QueryAsync<(string Child, string Parent)>(
            new CommandDefinition(
                """
                SELECT c.conrelid::regclass::text, c.confrelid::regclass::text
                FROM pg_constraint c
                WHERE c.contype = 'f' AND c.conrelid <> c.confrelid
                """,
                cancellationToken: ct)))
            .Select(r => (Child: Unquote(r.Child), Parent: Unquote(r.Parent)))
            .ToList();
        var ordered = new List<string>();
        var placed = new HashSet<string>();
        var visiting = new HashSet<string>();
        void Place(string table)
        {
            if (placed.Contains(table) || !visiting.Add(table))
            {
                return;
            }

            foreach (var parent in references.Where(r => r.Child == table).Select(r => r.Parent).Where(tables.Contains).Order(StringComparer.Ordinal))
            {
                Place(parent);
            }

            visiting.Remove(table);
            placed.Add(table);
            ordered.Add(table);
        }

        foreach (var table in tables)
        {
            Place(table);
        }

        return ordered;
    }

    private static List<TargetColumn> ColumnsToCopy(SqliteConnection source, string table, List<TargetColumn> target)
    {
        var sourceColumns = source.Query<string>($"SELECT name FROM pragma_table_info({QuoteLiteral(table)})").ToList();
        var missing = sourceColumns.Where(c => target.All(t => t.Name != c)).ToList();
        if (missing.Count > 0)
        {
            throw new CopyRefusedException($"PostgreSQL's {table} has no column {string.Join(", ", missing)}; apply the migrations of the release that wrote the SQLite file.");
        }

        return target.Where(t => !t.Generated && sourceColumns.Contains(t.Name)).ToList();
    }

    private static async Task<long> CopyTableAsync(SqliteConnection source, NpgsqlConnection target, string table, List<TargetColumn> columns, CancellationToken ct)
    {
        var names = string.Join(", ", columns.Select(c => Quote(c.Name)));
        await using var writer = await target.BeginBinaryImportAsync($"COPY {Quote(table)} ({names}) FROM STDIN (FORMAT BINARY)", ct);
        await using var read = source.CreateCommand();
        read.CommandText = $"SELECT {names} FROM {Quote(table)}";
        await using var reader = await read.ExecuteReaderAsync(ct);
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            await writer.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                if (reader.IsDBNull(i))
                {
                    await writer.WriteNullAsync(ct);
                    continue;
                }

                await WriteAsync(writer, columns[i], reader.GetValue(i), table, ct);
            }

            rows++;
        }

        await writer.CompleteAsync(ct);
        return rows;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter writer, TargetColumn column, object value, string table, CancellationToken ct)
    {
        try
        {
            return column.DataType switch
            {
                "bigint" => writer.WriteAsync(Convert.ToInt64(value), NpgsqlDbType.Bigint, ct),
                "integer" => writer.WriteAsync(Convert.ToInt32(value), NpgsqlDbType.Integer, ct),
                "smallint" => writer.WriteAsync(Convert.ToInt16(value), NpgsqlDbType.Smallint, ct),
                "boolean" => writer.WriteAsync(Convert.ToInt64(value) != 0, NpgsqlDbType.Boolean, ct),
                "double precision" => writer.WriteAsync(Convert.ToDouble(value), NpgsqlDbType.Double, ct),
                "real" => writer.WriteAsync(Convert.ToSingle(value), NpgsqlDbType.Real, ct),
                "numeric" => writer.WriteAsync(Convert.ToDecimal(value), NpgsqlDbType.Numeric, ct),
                "bytea" => writer.WriteAsync(value as byte[] ?? System.Text.Encoding.UTF8.GetBytes(Convert.ToString(value)!), NpgsqlDbType.Bytea, ct),
                "jsonb" => writer.WriteAsync(Convert.ToString(value)!, NpgsqlDbType.Jsonb, ct),
                _ => writer.WriteAsync(value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!, NpgsqlDbType.Text, ct),
            };
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new CopyRefusedException($"{table}.{column.Name} holds {Describe(value)}, which PostgreSQL's {column.DataType} column cannot take; nothing was copied.");
        }
    }

    private static string Describe(object value) => value switch
    {
        string text => $"the text \"{(text.Length > 40 ? text[..40] + "…" : text)}\"",
        byte[] bytes => $"{bytes.Length} bytes",
        _ => $"the value {value}",
    };

    private static async Task MoveIdentitiesPastAsync(NpgsqlConnection target, NpgsqlTransaction tx, string table, List<TargetColumn> columns)
    {
        foreach (var identity in columns.Where(c => c.Identity))
        {
            // With no rows the next id stays 1; else it is one past the highest copied id.
            await target.ExecuteAsync(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE(max({Quote(identity.Name)}), 1), max({Quote(identity.Name)}) IS NOT NULL) FROM {Quote(table)}",
                new { table = Quote(table), column = identity.Name },
                tx);
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string QuoteLiteral(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Unquote(string regclass) =>
        regclass.Length > 1 && regclass[0] == '"' ? regclass[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : regclass;
}
