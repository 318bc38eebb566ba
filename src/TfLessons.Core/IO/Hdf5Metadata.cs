// PureHDF's public API gives a dataset's type class, size and sign, its dimensions and its layout class, but not
// the byte order, bit precision/offset or floating-point layout of the type, nor where the raw data lives and how
// many bytes it has. Without those a reader cannot refuse a 1-byte integer claiming 32,768 bits of precision, a
// big-endian double, or a (100000, 64, 64, 3) dataset whose data was never written (PureHDF returns fill values
// for it, allocating the full size). PureHDF decodes all of them into its internal header-message objects; this
// file reads those objects by name. The names are those of PureHDF 2.2.0 (the version pinned in
// TfLessons.Core.csproj); if a newer PureHDF renames them, every read fails with a clear Hdf5Exception rather
// than reading unchecked data.
using System.Globalization;
using System.Reflection;

namespace TfLessons.IO;

/// <summary>Where a dataset's raw bytes live, as the layout and filter messages describe them.</summary>
internal sealed record Hdf5StorageInfo(
    string Layout,
    ulong? Address,
    ulong? Size,
    IReadOnlyList<int> FilterIds,
    bool HasExternalFiles
);

/// <summary>Reads the header-message details PureHDF decodes but does not expose (see the file comment).</summary>
internal static class Hdf5Metadata
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>
    /// Classifies a numeric dataset type, checking every field that decides how the bytes decode: size, sign,
    /// byte order, bit offset and precision (integers use all their bits), and for floats the IEEE 754 layout.
    /// Returns null with a reason when the type is numeric but not one this reader decodes exactly.
    /// </summary>
    public static (Hdf5ElementType Type, string? Problem) Classify(object dataset, bool isFloat)
    {
        object message = Get(dataset, "InternalDataType");
        int size = checked((int)Convert.ToUInt32(Get(message, "Size"), CultureInfo.InvariantCulture));
        object bitField = Get(message, "BitField");
        string byteOrder = Get(bitField, "ByteOrder").ToString() ?? "?";
        var properties = (Array)Get(message, "Properties");
        if (properties.Length < 1 || properties.GetValue(0) is not { } property)
        {
            return (Hdf5ElementType.Other, "the type has no precision properties");
        }

        int bitOffset = Convert.ToInt32(Get(property, "BitOffset"), CultureInfo.InvariantCulture);
        int precision = Convert.ToInt32(Get(property, "BitPrecision"), CultureInfo.InvariantCulture);
        if (size is not (1 or 2 or 4 or 8))
        {
            return (Hdf5ElementType.Other, $"element size {size} bytes is not 1, 2, 4 or 8");
        }

        // One-byte values have no byte order; anything wider must be little-endian, the order PureHDF copies as is.
        if (size > 1 && byteOrder != "LittleEndian")
        {
            return (Hdf5ElementType.Other, $"byte order {byteOrder} (only little-endian is supported)");
        }

        if (bitOffset != 0 || precision != size * 8)
        {
            return (
                Hdf5ElementType.Other,
                $"{precision} bits of precision at bit offset {bitOffset} "
                    + $"in a {size}-byte element (expected {size * 8} at 0)"
            );
        }

        if (!isFloat)
        {
            bool signed = (bool)Get(bitField, "IsSigned");
            return (IntegerType(size, signed), null);
        }

        return ClassifyFloat(size, bitField, property);
    }

    /// <summary>The layout, address, size, filters and external-file flag of a dataset's raw data.</summary>
    public static Hdf5StorageInfo Storage(object dataset)
    {
        object layout = Get(dataset, "InternalDataLayout");
        string layoutClass = Get(layout, "LayoutClass").ToString() ?? "?";
        ulong? address = null;
        ulong? size = null;
        if (layout.GetType().GetProperty("Properties", Instance) is { } propertiesInfo)
        {
            // Layout message version 3 or 4.
            object properties = propertiesInfo.GetValue(layout) ?? throw Missing("layout properties");
            address = (ulong)Get(properties, "Address");
            if (layoutClass == "Contiguous")
            {
                size = (ulong)Get(properties, "Size");
            }
            else if (layoutClass == "Compact")
            {
                size = (ulong)((byte[]?)Get(properties, "Data"))!.LongLength;
            }
        }
        else
        {
            // Version 1 or 2: the address only; the size follows from the dataspace.
            address = (ulong)Get(layout, "Address");
            if (layoutClass == "Compact")
            {
                size = (ulong)((byte[]?)Get(layout, "CompactData"))!.LongLength;
                address = null;
            }
        }

        var filterIds = new List<int>();
        if (TryGet(dataset, "InternalFilterPipeline") is { } pipeline)
        {
            foreach (object filter in (Array)Get(pipeline, "FilterDescriptions"))
            {
                filterIds.Add(Convert.ToInt32(Get(filter, "Identifier"), CultureInfo.InvariantCulture));
            }
        }

        bool external = TryGet(dataset, "InternalExternalFileList") is not null;
        return new Hdf5StorageInfo(layoutClass, address, size, filterIds, external);
    }

    private static (Hdf5ElementType, string?) ClassifyFloat(int size, object bitField, object property)
    {
        int sign = Convert.ToInt32(Get(bitField, "SignLocation"), CultureInfo.InvariantCulture);
        string normalization = Get(bitField, "MantissaNormalization").ToString() ?? "?";
        int expLocation = Convert.ToInt32(Get(property, "ExponentLocation"), CultureInfo.InvariantCulture);
        int expSize = Convert.ToInt32(Get(property, "ExponentSize"), CultureInfo.InvariantCulture);
        int mantLocation = Convert.ToInt32(Get(property, "MantissaLocation"), CultureInfo.InvariantCulture);
        int mantSize = Convert.ToInt32(Get(property, "MantissaSize"), CultureInfo.InvariantCulture);
        long bias = Convert.ToInt64(Get(property, "ExponentBias"), CultureInfo.InvariantCulture);
        (Hdf5ElementType type, int s, int el, int es, int ms, long b) = size switch
        {
            4 => (Hdf5ElementType.Float32, 31, 23, 8, 23, 127L),
            8 => (Hdf5ElementType.Float64, 63, 52, 11, 52, 1023L),
            _ => (Hdf5ElementType.Other, 0, 0, 0, 0, 0L),
        };
        if (type == Hdf5ElementType.Other)
        {
            return (type, $"{size}-byte floating point (only 4 and 8 bytes are supported)");
        }

        if (sign != s || expLocation != el || expSize != es || mantLocation != 0 || mantSize != ms || bias != b
            || normalization != "MsbIsNotStoredButImplied")
        {
            return (
                Hdf5ElementType.Other,
                $"{size}-byte float is not IEEE 754 (sign bit {sign}, "
                    + $"exponent {expSize} bits at {expLocation} bias {bias}, "
                    + $"mantissa {mantSize} bits at {mantLocation}, normalization {normalization})"
            );
        }

        return (type, null);
    }

    private static Hdf5ElementType IntegerType(int size, bool signed) => (size, signed) switch
    {
        (1, false) => Hdf5ElementType.UInt8,
        (1, true) => Hdf5ElementType.Int8,
        (2, false) => Hdf5ElementType.UInt16,
        (2, true) => Hdf5ElementType.Int16,
        (4, false) => Hdf5ElementType.UInt32,
        (4, true) => Hdf5ElementType.Int32,
        (8, false) => Hdf5ElementType.UInt64,
        _ => Hdf5ElementType.Int64,
    };

    private static object Get(object target, string name) => TryGet(target, name) ?? throw Missing(name);

    private static object? TryGet(object target, string name)
    {
        PropertyInfo property = target.GetType().GetProperty(name, Instance)
            ?? throw Missing($"{target.GetType().Name}.{name}");
        try
        {
            return property.GetValue(target);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            // PureHDF decodes header messages lazily: a corrupt message throws here.
            throw ex.InnerException;
        }
    }

    private static InvalidOperationException Missing(string what) =>
        new($"PureHDF internal member '{what}' not found; this reader was written against PureHDF 2.2.0.");
}
