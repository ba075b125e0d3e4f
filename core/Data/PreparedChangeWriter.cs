using System.Data;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DgBot.Core.Data;

/// <summary>
/// Saves a context's tracked inserts and updates on one long-lived SQLite connection with statements prepared once per
/// shape (table and columns) and reused, instead of EF Core's update pipeline, which builds and prepares new commands
/// on every save. Values go through the same EF Core type mappings (and value converters) as SaveChanges, so the rows
/// are the same. Only plain shapes are taken (see <see cref="TryPlan"/>); anything else is left to SaveChanges.
/// </summary>
/// <remarks>Not thread-safe: one writer per connection, used by one loop.</remarks>
public sealed class PreparedChangeWriter(SqliteConnection connection) : IDisposable
{
    /// <summary>Prepared statements by entity type and shape: 0 for the INSERT, else the UPDATE's modified columns as a bit set.</summary>
    private readonly Dictionary<(IEntityType Type, ulong Columns), Statement> _statements = [];

    /// <summary>
    /// The context's changes when every one of them can be written here: added or modified rows of single-table entity
    /// types with a single-column key, no concurrency token, and no reference to a row that is not stored yet. Null
    /// otherwise (deletions, new principals with their dependents…): the caller then uses SaveChanges.
    /// </summary>
    public static IReadOnlyList<EntityEntry>? TryPlan(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.DetectChanges();
        List<EntityEntry>? changes = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.State)
            {
                case EntityState.Unchanged or EntityState.Detached:
                    continue;
                case EntityState.Added or EntityState.Modified when IsPlain(entry):
                    (changes ??= []).Add(entry);
                    continue;
                default:
                    return null;
            }
        }

        return changes ?? [];
    }

    /// <summary>
    /// Writes the planned changes in the connection's open transaction and marks them saved (store-generated keys
    /// filled in). On failure nothing is marked and a <see cref="DbUpdateException"/> is thrown, as SaveChanges does; the
    /// caller rolls back its savepoint.
    /// </summary>
    public void Write(DbContext db, IReadOnlyList<EntityEntry> changes, SqliteTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(changes);
        try
        {
            WriteRows(changes, transaction, out var generated);
            foreach (var (entry, key, value) in generated)
            {
                entry.Property(key).CurrentValue = Convert.ChangeType(value, key.ClrType, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        catch (SqliteException exception)
        {
            throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", exception);
        }

        db.ChangeTracker.AcceptAllChanges();
    }

    private void WriteRows(IReadOnlyList<EntityEntry> changes, SqliteTransaction transaction, out List<(EntityEntry Entry, IProperty Key, long Value)> generated)
    {
        generated = [];
        foreach (var entry in changes)
        {
            var type = entry.Metadata;
            var key = type.FindPrimaryKey()!.Properties[0];
            if (entry.State == EntityState.Added)
            {
                var statement = Insert(type, IsGenerated(key) ? key : null);
                var id = statement.Execute(transaction, entry);
                if (IsGenerated(key))
                {
                    generated.Add((entry, key, Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
            else
            {
                // The modified columns as a bit set by property index: the shape of the UPDATE, found without allocating.
                var columns = 0UL;
                foreach (var property in type.GetProperties())
                {
                    if (!property.IsPrimaryKey() && entry.Property(property).IsModified)
                    {
                        columns |= 1UL << property.GetIndex();
                    }
                }

                if (columns == 0)
                {
                    continue;
                }

                var rows = Update(type, columns, key).ExecuteNonQuery(transaction, entry);
                if (rows != 1)
                {
                    throw new DbUpdateConcurrencyException(
                        $"Expected to update one {type.DisplayName()} row but {rows} were changed; it was changed or deleted since it was read.");
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }

    private static bool IsPlain(EntityEntry entry)
    {
        var type = entry.Metadata;
        if (type.IsOwned() || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any() || type.GetComplexProperties().Any()
            || type.GetTableName() is null || type.FindPrimaryKey() is not { Properties.Count: 1 } || type.GetProperties().Count() > 64)
        {
            return false;
        }

        foreach (var property in type.GetProperties())
        {
            if (property.IsConcurrencyToken || (property.ValueGenerated != ValueGenerated.Never && !IsGenerated(property)))
            {
                return false;
            }

            // A reference to a row added in the same save (a temporary key) needs SaveChanges' ordering and key propagation.
            if (entry.State == EntityState.Added && entry.Property(property).IsTemporary && !IsGenerated(property))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An integer primary key SQLite assigns (the rowid).</summary>
    private static bool IsGenerated(IProperty property) =>
        property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd
        && (property.ClrType == typeof(int) || property.ClrType == typeof(long));

    private Statement Insert(IEntityType type, IProperty? returning)
    {
        if (!_statements.TryGetValue((type, 0), out var statement))
        {
            var properties = type.GetProperties().Where(p => !IsGenerated(p)).ToList();
            var sql = new StringBuilder("INSERT INTO ").Append(Quote(type.GetTableName()!)).Append(" (")
                .AppendJoin(", ", properties.Select(p => Quote(p.GetColumnName())))
                .Append(") VALUES (")
                .AppendJoin(", ", properties.Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(')');
            if (returning is not null)
            {
                sql.Append(" RETURNING ").Append(Quote(returning.GetColumnName()));
            }

            statement = _statements[(type, 0)] = new Statement(connection, sql.Append(';').ToString(), properties, keyLast: null);
        }

        return statement;
    }

    private Statement Update(IEntityType type, ulong columns, IProperty key)
    {
        if (!_statements.TryGetValue((type, columns), out var statement))
        {
            var modified = type.GetProperties().Where(p => (columns & (1UL << p.GetIndex())) != 0).ToList();
            var sql = new StringBuilder("UPDATE ").Append(Quote(type.GetTableName()!)).Append(" SET ")
                .AppendJoin(", ", modified.Select((p, i) => Quote(p.GetColumnName()) + " = @p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(" WHERE ").Append(Quote(key.GetColumnName())).Append(" = @p").Append(modified.Count)
                .Append(';');
            statement = _statements[(type, columns)] = new Statement(connection, sql.ToString(), modified, keyLast: key);
        }

        return statement;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>One prepared command, the properties whose current values it takes, and their EF Core type mappings.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly IProperty[] _properties;
        private readonly IProperty? _keyLast;
        private readonly RelationalTypeMapping[] _mappings;

        /// <param name="keyLast">A key whose original value is the last parameter (the row an UPDATE changes).</param>
        public Statement(SqliteConnection connection, string sql, IReadOnlyList<IProperty> properties, IProperty? keyLast)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            _properties = [.. properties];
            _keyLast = keyLast;
            _mappings = [.. _properties.Append(keyLast).OfType<IProperty>().Select(p => p.GetRelationalTypeMapping())];
        }

        public object? Execute(SqliteTransaction transaction, EntityEntry entry)
        {
            Bind(transaction, entry);
            return _command.ExecuteScalar();
        }

        public int ExecuteNonQuery(SqliteTransaction transaction, EntityEntry entry)
        {
            Bind(transaction, entry);
            return _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();

        private void Bind(SqliteTransaction transaction, EntityEntry entry)
        {
            _command.Transaction = transaction;
            _command.Parameters.Clear();
            for (var i = 0; i < _properties.Length; i++)
            {
                Add(i, _properties[i], entry.Property(_properties[i]).CurrentValue);
            }

            if (_keyLast is not null)
            {
                Add(_properties.Length, _keyLast, entry.Property(_keyLast).OriginalValue);
            }
        }

        private void Add(int index, IProperty property, object? value) =>
            _command.Parameters.Add(_mappings[index].CreateParameter(
                _command, "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture), value, property.IsNullable, ParameterDirection.Input));
    }
}
