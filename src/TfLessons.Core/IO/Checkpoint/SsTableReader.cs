using System.Buffers.Binary;
using TfLessons.IO.Internal;

namespace TfLessons.IO.Checkpoint;

/// <summary>
/// Reads every entry of a TensorFlow SSTable (the <c>.index</c> file) held in memory. Each block's CRC is
/// verified, Snappy blocks are decompressed, shared key prefixes are rebuilt and every length is checked
/// against the bytes that remain before it is used. Errors name the file and the block.
/// </summary>
internal static class SsTableReader
{
    private const int BlockTrailerLength = 5;

    // Real index blocks are ~256 KiB; this only bounds what a corrupt Snappy header can make us allocate.
    private const int MaxDecompressedBlock = 64 << 20;

    public static List<(byte[] Key, byte[] Value)> ReadAll(byte[] file, string path)
    {
        string where = $"Checkpoint index '{path}'";
        if (file.Length < SsTableBuilder.FooterLength)
        {
            throw new InvalidDataException(
                $"{where} is {file.Length} bytes, too short for the "
                    + $"{SsTableBuilder.FooterLength}-byte table footer (truncated file?)."
            );
        }
        ReadOnlySpan<byte> footer = file.AsSpan(file.Length - SsTableBuilder.FooterLength);
        ulong magic = BinaryPrimitives.ReadUInt64LittleEndian(footer[40..]);
        if (magic != SsTableBuilder.TableMagic)
        {
            throw new InvalidDataException(
                $"{where}: bad magic number 0x{magic:x16} (expected 0x{SsTableBuilder.TableMagic:x16}); " +
                "not a TensorFlow V2 checkpoint index, or the file is truncated.");
        }
        int footerPos = 0;
        (long Offset, long Size) metaIndex = DecodeHandle(
            footer[..40],
            ref footerPos,
            $"{where}: footer metaindex handle"
        );
        (long Offset, long Size) index = DecodeHandle(footer[..40], ref footerPos, $"{where}: footer index handle");
        long tableEnd = file.Length - SsTableBuilder.FooterLength;

        // TF never puts anything in the metaindex, but its checksum still proves the region is intact.
        ReadBlock(file, metaIndex, tableEnd, $"{where}: metaindex block");
        byte[] indexBlock = ReadBlock(file, index, tableEnd, $"{where}: index block");

        var result = new List<(byte[] Key, byte[] Value)>();
        int blockNumber = 0;
        foreach ((byte[] _, byte[] handleBytes) in ParseBlock(indexBlock, $"{where}: index block"))
        {
            string blockWhere = $"{where}: data block #{blockNumber++}";
            int handlePos = 0;
            (long Offset, long Size) handle = DecodeHandle(handleBytes, ref handlePos, $"{blockWhere} handle");
            byte[] block = ReadBlock(file, handle, tableEnd, $"{blockWhere} at offset {handle.Offset}");
            foreach ((byte[] key, byte[] value) in ParseBlock(block, $"{blockWhere} at offset {handle.Offset}"))
            {
                if (result.Count > 0 && SsTableBuilder.Compare(key, result[^1].Key) <= 0)
                {
                    throw new InvalidDataException(
                        $"{blockWhere}: keys are not in strictly increasing order; the file is corrupt."
                    );
                }
                result.Add((key, value));
            }
        }
        return result;
    }

    private static (long Offset, long Size) DecodeHandle(ReadOnlySpan<byte> source, ref int pos, string what)
    {
        if (!Varint.TryRead(source[pos..], out ulong offset, out int n1)
            || !Varint.TryRead(source[(pos + n1)..], out ulong size, out int n2)
            || offset > long.MaxValue || size > long.MaxValue)
        {
            throw new InvalidDataException($"{what} is malformed; the file is corrupt.");
        }
        pos += n1 + n2;
        return ((long)offset, (long)size);
    }

    private static byte[] ReadBlock(byte[] file, (long Offset, long Size) handle, long tableEnd, string what)
    {
        // Checked as "size <= room" so absurd values cannot overflow the arithmetic.
        if (handle.Offset > tableEnd || handle.Size > tableEnd - handle.Offset - BlockTrailerLength)
        {
            throw new InvalidDataException(
                $"{what}: handle (offset {handle.Offset}, size {handle.Size}) extends past the end of the table " +
                $"({tableEnd} bytes before the footer); the file is truncated or corrupt.");
        }
        int offset = (int)handle.Offset;
        int size = (int)handle.Size;
        ReadOnlySpan<byte> contents = file.AsSpan(offset, size);
        byte type = file[offset + size];
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + size + 1));
        // The CRC covers the block as stored (compressed, when compressed) plus the type byte.
        uint actual = Crc32C.Extend(Crc32C.Compute(contents), [type]);
        if (Crc32C.Unmask(stored) != actual)
        {
            throw new InvalidDataException(
                $"{what}: checksum mismatch (stored 0x{Crc32C.Unmask(stored):x8}, "
                    + $"computed 0x{actual:x8}); the file is corrupt."
            );
        }
        switch (type)
        {
            case 0:
                return contents.ToArray();
            case 1:
                try
                {
                    return Snappy.Decompress(contents, MaxDecompressedBlock);
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"{what}: {e.Message}", e);
                }
            default:
                throw new InvalidDataException($"{what}: unknown block compression type {type}.");
        }
    }

    /// <summary>Decodes a block's entries (block.cc), validating restart points and prefix sharing.</summary>
    private static List<(byte[] Key, byte[] Value)> ParseBlock(byte[] block, string what)
    {
        if (block.Length < 4)
        {
            throw new InvalidDataException($"{what}: {block.Length} bytes is too short for a block.");
        }
        uint numRestarts = BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(block.Length - 4));
        if (numRestarts > (uint)(block.Length - 4) / 4)
        {
            throw new InvalidDataException(
                $"{what}: restart count {numRestarts} does not fit in a {block.Length}-byte block."
            );
        }
        int restartsOffset = block.Length - 4 * (1 + (int)numRestarts);
        var restarts = new HashSet<int>();
        for (int i = 0; i < numRestarts; i++)
        {
            uint r = BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(restartsOffset + 4 * i));
            if (r > restartsOffset)
            {
                throw new InvalidDataException(
                    $"{what}: restart point {r} lies outside the entry area ({restartsOffset} bytes)."
                );
            }
            restarts.Add((int)r);
        }

        var entries = new List<(byte[] Key, byte[] Value)>();
        var entryStarts = new HashSet<int>();
        byte[] previousKey = [];
        int pos = 0;
        while (pos < restartsOffset)
        {
            int start = pos;
            entryStarts.Add(start);
            ReadOnlySpan<byte> area = block.AsSpan(0, restartsOffset);
            if (!Varint.TryRead32(area[pos..], out uint shared, out int n1)
                || !Varint.TryRead32(area[(pos + n1)..], out uint unshared, out int n2)
                || !Varint.TryRead32(area[(pos + n1 + n2)..], out uint valueLength, out int n3))
            {
                throw new InvalidDataException($"{what}: entry at byte {start} has a truncated header.");
            }
            pos += n1 + n2 + n3;
            if (shared > previousKey.Length)
            {
                throw new InvalidDataException(
                    $"{what}: entry at byte {start} shares {shared} key bytes "
                        + $"but the previous key has only {previousKey.Length}."
                );
            }
            if (shared != 0 && (entries.Count == 0 || restarts.Contains(start)))
            {
                throw new InvalidDataException(
                    $"{what}: entry at byte {start} is a restart point but shares key bytes."
                );
            }
            if ((ulong)unshared + valueLength > (ulong)(restartsOffset - pos))
            {
                throw new InvalidDataException(
                    $"{what}: entry at byte {start} declares {unshared} key + {valueLength} value bytes " +
                    $"but only {restartsOffset - pos} remain.");
            }
            var key = new byte[shared + unshared];
            previousKey.AsSpan(0, (int)shared).CopyTo(key);
            block.AsSpan(pos, (int)unshared).CopyTo(key.AsSpan((int)shared));
            pos += (int)unshared;
            entries.Add((key, block.AsSpan(pos, (int)valueLength).ToArray()));
            pos += (int)valueLength;
            previousKey = key;
        }
        foreach (int r in restarts)
        {
            // An empty block (the metaindex) has the single restart 0 == restartsOffset.
            if (!entryStarts.Contains(r) && !(entries.Count == 0 && r == restartsOffset))
            {
                throw new InvalidDataException($"{what}: restart point {r} does not start an entry.");
            }
        }
        return entries;
    }
}
