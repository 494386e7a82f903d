using System.Text;

namespace Lifeline.Fleet.Inventory;

/// <summary>One CSV field: its text and whether it was quoted (a quoted empty field is an empty value, an unquoted one is unset).</summary>
internal readonly record struct CsvField(string Text, bool Quoted);

/// <summary>
/// An RFC 4180 reader: fields separated by commas, records by CRLF or LF, fields with commas, quotes or line breaks
/// in double quotes with quotes doubled. Bounded: a field and a record have a maximum size, so a hostile file fails
/// fast with the line where it went wrong.
/// </summary>
internal sealed class CsvRecordReader(string text)
{
    public const int MaxFieldLength = 64 * 1024;

    public const int MaxFields = 1024;

    private readonly string _text = text;
    private int _position;
    private int _line = 1;

    /// <summary>The next record and the line it starts on; false at the end. Blank lines are skipped.</summary>
    /// <exception cref="InventoryImportException">Unbalanced quotes or a record over the limits.</exception>
    public bool TryRead(out List<CsvField> fields, out int line)
    {
        fields = [];
        while (_position < _text.Length && IsLineBreak(_text[_position]))
        {
            SkipLineBreak();
        }

        line = _line;
        if (_position >= _text.Length)
        {
            return false;
        }

        var field = new StringBuilder();
        while (true)
        {
            field.Clear();
            bool quoted = false;
            if (_position < _text.Length && _text[_position] == '"')
            {
                quoted = true;
                int openedAt = _line;
                _position++;
                while (true)
                {
                    if (_position >= _text.Length)
                    {
                        throw Error(openedAt, "a quoted field is never closed; end it with '\"' (a quote inside a field is written '\"\"')");
                    }

                    char c = _text[_position];
                    if (c == '"')
                    {
                        if (_position + 1 < _text.Length && _text[_position + 1] == '"')
                        {
                            field.Append('"');
                            _position += 2;
                            continue;
                        }

                        _position++;
                        break;
                    }

                    if (c == '\n')
                    {
                        _line++;
                    }

                    field.Append(c);
                    _position++;
                    CheckLength(field, openedAt);
                }

                if (_position < _text.Length && _text[_position] != ',' && !IsLineBreak(_text[_position]))
                {
                    throw Error(_line, $"unexpected '{_text[_position]}' after a closing quote (expected ',' or the end of the line)");
                }
            }
            else
            {
                while (_position < _text.Length && _text[_position] != ',' && !IsLineBreak(_text[_position]))
                {
                    if (_text[_position] == '"')
                    {
                        throw Error(_line, "a quote inside an unquoted field; quote the whole field and double the quote (\"a \"\"b\"\"\")");
                    }

                    field.Append(_text[_position++]);
                    CheckLength(field, _line);
                }
            }

            fields.Add(new CsvField(field.ToString(), quoted));
            if (fields.Count > MaxFields)
            {
                throw Error(line, $"more than {MaxFields} fields in one record");
            }

            if (_position >= _text.Length)
            {
                return true;
            }

            if (_text[_position] == ',')
            {
                _position++;
                continue;
            }

            SkipLineBreak();
            return true;
        }
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r';

    private void SkipLineBreak()
    {
        if (_text[_position] == '\r' && _position + 1 < _text.Length && _text[_position + 1] == '\n')
        {
            _position++;
        }

        _position++;
        _line++;
    }

    private static void CheckLength(StringBuilder field, int line)
    {
        if (field.Length > MaxFieldLength)
        {
            throw Error(line, $"a field is longer than {MaxFieldLength / 1024} KiB");
        }
    }

    private static InventoryImportException Error(int line, string message) => new([new InventoryImportError(line, message)]);
}
