#pragma once
#include <cstdint>
#include <string>

namespace guardrail::base {

/// What reading a file gave: its bytes, or why there are none.
struct FileRead {
  std::string bytes;
  std::string error;  // "" on success; else a message such as "is a named pipe (FIFO), not a regular file"
  bool ok() const { return error.empty(); }
};

/// Reads a regular file whole, following symlinks. Anything else is refused
/// without blocking or reading: a FIFO, a device, a socket, a directory, a
/// symlink loop, a file over `max_bytes` ("is 2.1 GiB, larger than the limit
/// of 2 GiB": the caller says which setting raises it). The message names
/// what the path is or why it cannot be opened (the system's own words:
/// "Permission denied").
FileRead read_regular_file(const std::string& path, uint64_t max_bytes);

/// The first `n` bytes of a regular file (fewer when it is shorter): enough
/// to tell text from binary without reading a large file of no interest.
FileRead read_head(const std::string& path, size_t n);

/// Reads an open stream (standard input, an anonymous pipe such as `<(cmd)`)
/// to its end; more than `max_bytes` is an error.
FileRead read_stream(int fd, uint64_t max_bytes);

/// What a path names, for messages ("a regular file", "a named pipe (FIFO)",
/// "a character device", "a symlink loop", "missing"), following symlinks.
std::string describe_path(const std::string& path);

/// True for a path that names an anonymous pipe of this process: `<(cmd)`
/// gives /dev/fd/N (or /proc/self/fd/N), a pipe with no name in any folder.
bool is_anonymous_pipe(const std::string& path);

/// "1.5 GiB", "300 MiB", "12 KiB", "512 bytes": a size in words.
std::string format_bytes(uint64_t bytes);

}  // namespace guardrail::base
