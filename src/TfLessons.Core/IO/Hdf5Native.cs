// Thin binding to the HDF Group's C library (libhdf5, 1.10 or later), loaded at run time.
//
// Notes (HDF5 1.10 C API, H5public.h / H5Ipublic.h / H5Tpublic.h):
//   * hid_t is int64_t since 1.10 (it was int in 1.8, which is refused here);
//   * herr_t and htri_t are int, hsize_t is uint64;
//   * the H5T_NATIVE_* macros expand to (H5open(), H5T_NATIVE_xxx_g): global hid_t variables that are valid
//     only after H5open(), read here through NativeLibrary.GetExport;
//   * H5Literate became a macro for H5Literate2 in 1.12; both names are tried.
// Debian 12 ships 1.10.8 as libhdf5_serial.so.103 (package libhdf5-103-1).
using System.Runtime.InteropServices;

namespace TfLessons.IO;

/// <summary>The HDF5 C library, located and bound on first use. All calls must hold <see cref="Sync"/>.</summary>
internal static unsafe class Hdf5Native
{
    /// <summary>The serial HDF5 library is not thread-safe: every call goes through this lock.</summary>
    public static readonly object Sync = new();

    public const string InstallHint =
        "The HDF5 C library (libhdf5 1.10 or later) was not found. On Debian/Ubuntu install it with " +
        "'apt-get install libhdf5-103-1' (it provides libhdf5_serial.so.103); elsewhere install HDF5 and/or set " +
        "TFLESSONS_HDF5_LIBRARY to the full path of the shared library.";

    public const string LibraryPathVariable = "TFLESSONS_HDF5_LIBRARY";

    public const uint H5F_ACC_RDONLY = 0;
    public const long H5P_DEFAULT = 0;
    public const long H5S_ALL = 0;
    public const long H5E_DEFAULT = 0;
    public const int H5_INDEX_NAME = 0;
    public const int H5_ITER_INC = 0;
    public const int H5I_GROUP = 2;
    public const int H5I_DATASET = 5;

    // H5T_class_t
    public const int H5T_INTEGER = 0;
    public const int H5T_FLOAT = 1;

    // H5T_sign_t
    public const int H5T_SGN_NONE = 0;

    private static readonly string[] Candidates =
    [
        "libhdf5_serial.so.103", "libhdf5.so.103", "libhdf5.so.200", "libhdf5.so.310", "libhdf5.so.320",
        "libhdf5_serial.so", "libhdf5.so", "libhdf5.dylib", "libhdf5.310.dylib", "libhdf5.200.dylib", "hdf5.dll",
        "libhdf5.dll",
    ];

    private static Api? s_api;
    private static string? s_loadError;

    public static Api Get()
    {
        lock (Sync)
        {
            if (s_api is not null)
            {
                return s_api;
            }

            if (s_loadError is not null)
            {
                throw new Hdf5LibraryNotFoundException(s_loadError);
            }

            try
            {
                s_api = Load();
                return s_api;
            }
            catch (Hdf5LibraryNotFoundException ex)
            {
                s_loadError = ex.Message;
                throw;
            }
        }
    }

    private static Api Load()
    {
        string? overridePath = Environment.GetEnvironmentVariable(LibraryPathVariable);
        return Load(string.IsNullOrWhiteSpace(overridePath) ? Candidates : [overridePath, .. Candidates]);
    }

    /// <summary>Loads the first library of <paramref name="names"/> that exists (internal for tests).</summary>
    internal static Api Load(IEnumerable<string> names)
    {
        var tried = new List<string>();
        IntPtr handle = IntPtr.Zero;
        string? loadedName = null;
        foreach (string name in names)
        {
            tried.Add(name);
            if (NativeLibrary.TryLoad(name, typeof(Hdf5Native).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out handle)
                || NativeLibrary.TryLoad(name, out handle))
            {
                loadedName = name;
                break;
            }
        }

        if (handle == IntPtr.Zero || loadedName is null)
        {
            throw new Hdf5LibraryNotFoundException($"{InstallHint} Tried: {string.Join(", ", tried)}.");
        }

        try
        {
            return new Api(handle, loadedName);
        }
        catch (EntryPointNotFoundException ex)
        {
            throw new Hdf5LibraryNotFoundException(
                $"'{loadedName}' was loaded but does not look like HDF5 1.10 or later ({ex.Message}). {InstallHint}");
        }
    }

    /// <summary>Bound entry points. Created once under <see cref="Sync"/>.</summary>
    internal sealed class Api
    {
        public readonly string LibraryName;
        public readonly string Version;

        public readonly delegate* unmanaged<int> H5open;
        public readonly delegate* unmanaged<uint*, uint*, uint*, int> H5get_libversion;
        public readonly delegate* unmanaged<long, IntPtr, IntPtr, int> H5Eset_auto2;
        public readonly delegate* unmanaged<byte*, int> H5Fis_hdf5;
        public readonly delegate* unmanaged<byte*, uint, long, long> H5Fopen;
        public readonly delegate* unmanaged<long, int> H5Fclose;
        public readonly delegate* unmanaged<long, byte*, long, int> H5Lexists;
        public readonly delegate* unmanaged<long, int, int, ulong*, IntPtr, IntPtr, int> H5Literate;
        public readonly delegate* unmanaged<long, byte*, long, long> H5Oopen;
        public readonly delegate* unmanaged<long, int> H5Oclose;
        public readonly delegate* unmanaged<long, int> H5Iget_type;
        public readonly delegate* unmanaged<long, byte*, long, long> H5Dopen2;
        public readonly delegate* unmanaged<long, int> H5Dclose;
        public readonly delegate* unmanaged<long, long> H5Dget_space;
        public readonly delegate* unmanaged<long, long> H5Dget_type;
        public readonly delegate* unmanaged<long, long, long, long, long, void*, int> H5Dread;
        public readonly delegate* unmanaged<long, int> H5Sget_simple_extent_ndims;
        public readonly delegate* unmanaged<long, ulong*, ulong*, int> H5Sget_simple_extent_dims;
        public readonly delegate* unmanaged<long, int> H5Sclose;
        public readonly delegate* unmanaged<long, int> H5Tget_class;
        public readonly delegate* unmanaged<long, nuint> H5Tget_size;
        public readonly delegate* unmanaged<long, int> H5Tget_sign;
        public readonly delegate* unmanaged<long, int> H5Tclose;

        public readonly long NativeUInt8;
        public readonly long NativeInt32;
        public readonly long NativeInt64;
        public readonly long NativeFloat;
        public readonly long NativeDouble;

        public Api(IntPtr lib, string name)
        {
            LibraryName = name;
            H5open = (delegate* unmanaged<int>)NativeLibrary.GetExport(lib, "H5open");
            H5get_libversion = (delegate* unmanaged<uint*, uint*, uint*, int>)NativeLibrary.GetExport(lib, "H5get_libversion");
            uint major, minor, release;
            if (H5get_libversion(&major, &minor, &release) < 0)
            {
                throw new Hdf5LibraryNotFoundException($"H5get_libversion failed in '{name}'. {InstallHint}");
            }

            Version = $"{major}.{minor}.{release}";
            if (major < 1 || (major == 1 && minor < 10))
            {
                // hid_t was a 32-bit int before 1.10: the signatures below would be wrong.
                throw new Hdf5LibraryNotFoundException(
                    $"'{name}' is HDF5 {Version}; HDF5 1.10 or later is required. {InstallHint}");
            }

            if (H5open() < 0)
            {
                throw new Hdf5LibraryNotFoundException($"H5open failed in '{name}' (HDF5 {Version}).");
            }

            H5Eset_auto2 = (delegate* unmanaged<long, IntPtr, IntPtr, int>)NativeLibrary.GetExport(lib, "H5Eset_auto2");
            H5Fis_hdf5 = (delegate* unmanaged<byte*, int>)NativeLibrary.GetExport(lib, "H5Fis_hdf5");
            H5Fopen = (delegate* unmanaged<byte*, uint, long, long>)NativeLibrary.GetExport(lib, "H5Fopen");
            H5Fclose = (delegate* unmanaged<long, int>)NativeLibrary.GetExport(lib, "H5Fclose");
            H5Lexists = (delegate* unmanaged<long, byte*, long, int>)NativeLibrary.GetExport(lib, "H5Lexists");
            H5Literate = (delegate* unmanaged<long, int, int, ulong*, IntPtr, IntPtr, int>)(
                NativeLibrary.TryGetExport(lib, "H5Literate2", out IntPtr iter2) ? iter2 : NativeLibrary.GetExport(lib, "H5Literate"));
            H5Oopen = (delegate* unmanaged<long, byte*, long, long>)NativeLibrary.GetExport(lib, "H5Oopen");
            H5Oclose = (delegate* unmanaged<long, int>)NativeLibrary.GetExport(lib, "H5Oclose");
            H5Iget_type = (delegate* unmanaged<long, int>)NativeLibrary.GetExport(lib, "H5Iget_type");
            H5Dopen2 = (delegate* unmanaged<long, byte*, long, long>)NativeLibrary.GetExport(lib, "H5Dopen2");
            H5Dclose = (delegate* unmanaged<long, int>)NativeLibrary.GetExport(lib, "H5Dclose");
            H5Dget_space = (delegate* unmanaged<long, long>)NativeLibrary.GetExport(lib, "H5Dget_space");
            H5Dget_type = (delegate* unmanaged<long, long>)NativeLibrary.GetExport(lib, "H5Dget_type");
            H5Dread = (delegate* unmanaged<long, long, long, long, long, void*, int>)NativeLibrary.GetExport(lib, "H5Dread");
            H5Sget_simple_extent_ndims = (delegate* unmanaged<long, int>)NativeLibrary.GetExport(lib, "H5Sget_simple_extent_ndims");
            H5Sget_simple_extent_dims = (delegate* unmanaged<long, ulong*, ulong*, int>)NativeLibrary.GetExport(lib, "H5Sget_simple_extent_dims");
            H5Sclose = (delegate* unmanaged<long, int>)NativeLibrary.GetExport(lib, "H5Sclose");
            H5Tget_class = (delegate* unmanaged<long, int>)NativeLibrary.GetExport(lib, "H5Tget_class");
            H5Tget_size = (delegate* unmanaged<long, nuint>)NativeLibrary.GetExport(lib, "H5Tget_size");
            H5Tget_sign = (delegate* unmanaged<long, int>)NativeLibrary.GetExport(lib, "H5Tget_sign");
            H5Tclose = (delegate* unmanaged<long, int>)NativeLibrary.GetExport(lib, "H5Tclose");

            // Valid only after H5open().
            NativeUInt8 = ReadGlobal(lib, "H5T_NATIVE_UINT8_g");
            NativeInt32 = ReadGlobal(lib, "H5T_NATIVE_INT32_g");
            NativeInt64 = ReadGlobal(lib, "H5T_NATIVE_INT64_g");
            NativeFloat = ReadGlobal(lib, "H5T_NATIVE_FLOAT_g");
            NativeDouble = ReadGlobal(lib, "H5T_NATIVE_DOUBLE_g");

            // We report errors ourselves; stop HDF5 from printing its error stack to stderr.
            H5Eset_auto2(H5E_DEFAULT, IntPtr.Zero, IntPtr.Zero);
        }

        private static long ReadGlobal(IntPtr lib, string symbol)
        {
            long value = Marshal.ReadInt64(NativeLibrary.GetExport(lib, symbol));
            if (value < 0)
            {
                throw new Hdf5LibraryNotFoundException($"HDF5 global {symbol} is invalid ({value}) after H5open().");
            }

            return value;
        }
    }
}
