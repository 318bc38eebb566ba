namespace TfLessons;

/// <summary>
/// TensorFlow's <c>tf.errors.OpError</c>: the base of the errors a session run raises, with TensorFlow's error code
/// and, where one is to blame, the operation.
/// </summary>
public class OpError(string message, Operation? op, int errorCode, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The operation that failed, when the error belongs to one.</summary>
    public Operation? op { get; } = op;

    /// <summary>TensorFlow's numeric error code (<c>error_codes.proto</c>).</summary>
    public int error_code { get; } = errorCode;

    public string message => Message;
}

/// <summary>An op received an invalid argument: bad feeds, incompatible shapes at run time (code 3).</summary>
public class InvalidArgumentError(string message, Exception? inner = null, Operation? op = null)
    : OpError(message, op, 3, inner);

/// <summary>A requested entity (a file, a tensor in a checkpoint) was not found (code 5).</summary>
public class NotFoundError(string message, Operation? op = null) : OpError(message, op, 5);

/// <summary>Memory or another resource ran out, e.g. "OOM when allocating tensor with shape[40000,40000]" (code
/// 8).</summary>
public class ResourceExhaustedError(string message, Operation? op = null, Exception? inner = null)
    : OpError(message, op, 8, inner);

/// <summary>The system is not in a state the operation needs, e.g. an uninitialized variable (code 9).</summary>
public class FailedPreconditionError(string message, Operation? op = null) : OpError(message, op, 9);

/// <summary>The operation is not implemented or not supported here (code 12).</summary>
public class UnimplementedError(string message, Operation? op = null) : OpError(message, op, 12);

/// <summary>Python's ValueError, as TensorFlow.NET programs raise it: an argument of the right type with a bad
/// value.</summary>
public class ValueError(string message) : ArgumentException(message);
