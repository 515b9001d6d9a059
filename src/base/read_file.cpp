#include "base/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace guardrail::base {
namespace {

std::string kind_of(mode_t mode) {
  if (S_ISREG(mode)) return "a regular file";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string system_error(int err) {
  if (err == ELOOP) return "a symlink loop (too many levels of symbolic links)";
  return std::strerror(err);
}

/// Reads fd to its end into `out`; false with `error` set past `max_bytes`.
bool drain(int fd, uint64_t max_bytes, std::string& out, std::string& error) {
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      error = "read error: " + system_error(errno);
      return false;
    }
    if (out.size() + static_cast<uint64_t>(n) > max_bytes) {
      error = "is larger than the limit of " + format_bytes(max_bytes);
      return false;
    }
    out.append(buffer, static_cast<size_t>(n));
  }
}

}  // namespace

std::string format_bytes(uint64_t bytes) {
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  double v = static_cast<double>(bytes);
  int u = -1;
  while (v >= 1024 && u < 3) {
    v /= 1024;
    ++u;
  }
  char text[32];
  if (v == static_cast<double>(static_cast<uint64_t>(v))) std::snprintf(text, sizeof text, "%.0f %s", v, units[u]);
  else std::snprintf(text, sizeof text, "%.1f %s", v, units[u]);
  return text;
}

std::string describe_path(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return "missing";
    return system_error(errno);
  }
  return kind_of(st.st_mode);
}

bool is_anonymous_pipe(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISFIFO(st.st_mode)) return false;
  char target[256];
  ssize_t n = ::readlink(path.c_str(), target, sizeof target - 1);
  if (n <= 0) return false;
  target[n] = '\0';
  return std::strncmp(target, "pipe:[", 6) == 0;
}

FileRead read_regular_file(const std::string& path, uint64_t max_bytes) {
  FileRead out;
  // O_NONBLOCK: opening a FIFO with no writer must not wait; the fstat below
  // refuses it anyway. stat first, so a device is never even opened.
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    out.error = errno == ENOENT ? "no such file or directory" : "cannot open: " + system_error(errno);
    return out;
  }
  if (!S_ISREG(st.st_mode)) {
    out.error = "is " + kind_of(st.st_mode) + ", not a regular file";
    return out;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    out.error = "cannot open: " + system_error(errno);
    return out;
  }
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    out.error = "is " + kind_of(st.st_mode) + ", not a regular file";
    ::close(fd);
    return out;
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    out.error = "is " + format_bytes(static_cast<uint64_t>(st.st_size)) + ", larger than the limit of " +
                format_bytes(max_bytes);
    ::close(fd);
    return out;
  }
  out.bytes.reserve(static_cast<size_t>(st.st_size));
  // A file that grows while read stops at the limit too.
  if (!drain(fd, max_bytes, out.bytes, out.error)) out.bytes.clear();
  ::close(fd);
  return out;
}

FileRead read_head(const std::string& path, size_t n) {
  FileRead out;
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  struct stat st;
  if (fd < 0) {
    out.error = "cannot open: " + system_error(errno);
    return out;
  }
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    out.error = "is " + kind_of(st.st_mode) + ", not a regular file";
  } else {
    out.bytes.resize(n);
    ssize_t got = ::read(fd, out.bytes.data(), n);
    out.bytes.resize(got > 0 ? static_cast<size_t>(got) : 0);
  }
  ::close(fd);
  return out;
}

FileRead read_stream(int fd, uint64_t max_bytes) {
  FileRead out;
  if (!drain(fd, max_bytes, out.bytes, out.error)) out.bytes.clear();
  return out;
}

}  // namespace guardrail::base
