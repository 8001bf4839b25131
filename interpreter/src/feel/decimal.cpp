// Decimal arithmetic on a 128-bit coefficient, with 256-bit intermediates
// (`Wide`) for products, aligned sums and quotients. Every operation computes
// more digits than it keeps, then rounds half-even to 34.
#include "bpmn/feel/decimal.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>

namespace bpmn::feel {
namespace {

constexpr std::uint64_t kLow64 = ~std::uint64_t{0};

Uint128 pow10(int n) {
  Uint128 result = 1;
  for (int i = 0; i < n; ++i) result *= 10;
  return result;
}

const Uint128 kLimit = pow10(Decimal::kDigits);  // coefficients stay below this

int digitCount(Uint128 value) {
  int digits = 1;
  while (value >= 10) {
    value /= 10;
    ++digits;
  }
  return digits;
}

// An unsigned 256-bit integer, just what the operations below need.
struct Wide {
  Uint128 hi = 0;
  Uint128 lo = 0;

  bool isZero() const { return hi == 0 && lo == 0; }
  bool fits128() const { return hi == 0; }

  static Wide multiply(Uint128 a, Uint128 b) {
    const Uint128 a0 = a & kLow64, a1 = a >> 64, b0 = b & kLow64, b1 = b >> 64;
    const Uint128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    const Uint128 middle = (p00 >> 64) + (p01 & kLow64) + (p10 & kLow64);
    Wide result;
    result.lo = (p00 & kLow64) | (middle << 64);
    result.hi = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
    return result;
  }

  void multiplySmall(std::uint64_t factor) {
    const Wide low = multiply(lo, factor);
    hi = hi * factor + low.hi;
    lo = low.lo;
  }

  void add(const Wide& other) {
    const Uint128 sum = lo + other.lo;
    hi += other.hi + (sum < lo ? 1 : 0);
    lo = sum;
  }

  void subtract(const Wide& other) {  // requires *this >= other
    const Uint128 difference = lo - other.lo;
    hi -= other.hi + (difference > lo ? 1 : 0);
    lo = difference;
  }

  // Divides in place; returns the remainder.
  std::uint64_t divideSmall(std::uint64_t divisor) {
    // Four 64-bit limbs, most significant first.
    std::uint64_t limbs[4] = {static_cast<std::uint64_t>(hi >> 64), static_cast<std::uint64_t>(hi),
                              static_cast<std::uint64_t>(lo >> 64), static_cast<std::uint64_t>(lo)};
    Uint128 remainder = 0;
    for (auto& limb : limbs) {
      const Uint128 current = (remainder << 64) | limb;
      limb = static_cast<std::uint64_t>(current / divisor);
      remainder = current % divisor;
    }
    hi = (Uint128{limbs[0]} << 64) | limbs[1];
    lo = (Uint128{limbs[2]} << 64) | limbs[3];
    return static_cast<std::uint64_t>(remainder);
  }

  // Long division by a divisor below 2^126; returns the remainder.
  Uint128 divide(Uint128 divisor) {
    Wide quotient;
    Uint128 remainder = 0;
    for (int bit = 255; bit >= 0; --bit) {
      const Uint128 word = bit >= 128 ? hi : lo;
      remainder = (remainder << 1) | ((word >> (bit % 128)) & 1);
      if (remainder >= divisor) {
        remainder -= divisor;
        (bit >= 128 ? quotient.hi : quotient.lo) |= Uint128{1} << (bit % 128);
      }
    }
    *this = quotient;
    return remainder;
  }

  friend bool operator<(const Wide& a, const Wide& b) { return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo; }
};

Wide scaled(Uint128 coefficient, int powerOfTen) {
  Wide value{0, coefficient};
  for (int i = 0; i < powerOfTen; ++i) value.multiplySmall(10);
  return value;
}

bool roundsUp(Decimal::Rounding mode, bool negative, bool odd, int firstDropped, bool restNonZero) {
  const bool anyDropped = firstDropped != 0 || restNonZero;
  switch (mode) {
    case Decimal::Rounding::kHalfEven:
      return firstDropped > 5 || (firstDropped == 5 && (restNonZero || odd));
    case Decimal::Rounding::kHalfUp:
      return firstDropped >= 5;
    case Decimal::Rounding::kHalfDown:
      return firstDropped > 5 || (firstDropped == 5 && restNonZero);
    case Decimal::Rounding::kUp:
      return anyDropped;
    case Decimal::Rounding::kDown:
      return false;
    case Decimal::Rounding::kFloor:
      return anyDropped && negative;
    case Decimal::Rounding::kCeiling:
      return anyDropped && !negative;
  }
  return false;
}

// Builds a decimal from a wide coefficient, rounding half-even to 34 digits.
// `sticky` says a nonzero part below the coefficient was already dropped.
Decimal fromWide(bool negative, Wide coefficient, int exponent, bool sticky) {
  int lastDropped = 0;
  bool restNonZero = sticky;
  bool dropped = false;
  while (!coefficient.fits128() || coefficient.lo >= kLimit) {
    if (dropped) restNonZero = restNonZero || lastDropped != 0;
    lastDropped = static_cast<int>(coefficient.divideSmall(10));
    dropped = true;
    ++exponent;
  }
  Uint128 result = coefficient.lo;
  if (dropped && roundsUp(Decimal::Rounding::kHalfEven, negative, result % 2 == 1, lastDropped, restNonZero)) {
    ++result;
    if (result == kLimit) {
      result /= 10;
      ++exponent;
    }
  }
  return Decimal::fromParts(negative, result, exponent);
}

}  // namespace

Decimal::Decimal(std::int64_t value)
    : coefficient_(value < 0 ? Uint128(-(value + 1)) + 1 : Uint128(value)), exponent_(0), negative_(value < 0) {
  normalize();
}

Decimal::Decimal(bool negative, Uint128 coefficient, int exponent)
    : coefficient_(coefficient), exponent_(exponent), negative_(negative) {
  normalize();
}

Decimal Decimal::fromParts(bool negative, Uint128 coefficient, int exponent) {
  return Decimal(negative, coefficient, exponent);
}

void Decimal::normalize() {
  if (coefficient_ == 0) {
    exponent_ = 0;
    negative_ = false;
    return;
  }
  while (coefficient_ % 10 == 0) {
    coefficient_ /= 10;
    ++exponent_;
  }
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::size_t at = 0;
  bool negative = false;
  if (at < text.size() && (text[at] == '-' || text[at] == '+')) negative = text[at++] == '-';
  Uint128 coefficient = 0;
  int digits = 0;
  int exponent = 0;
  bool sawDigit = false;
  bool sawPoint = false;
  int firstDropped = -1;
  bool restNonZero = false;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '.' && !sawPoint) {
      sawPoint = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    sawDigit = true;
    const int digit = c - '0';
    if (digits < kDigits) {
      if (digit != 0 || digits > 0) {
        coefficient = coefficient * 10 + digit;
        ++digits;
      }
      if (sawPoint) --exponent;
    } else {
      // Beyond 34 significant digits: remember what rounding needs.
      if (firstDropped < 0) {
        firstDropped = digit;
      } else if (digit != 0) {
        restNonZero = true;
      }
      if (!sawPoint) ++exponent;
    }
  }
  if (!sawDigit) return std::nullopt;
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    int sign = 1;
    if (at < text.size() && (text[at] == '-' || text[at] == '+')) sign = text[at++] == '-' ? -1 : 1;
    long value = 0;
    bool any = false;
    for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
      value = value * 10 + (text[at] - '0');
      any = true;
      if (value > 100000) return std::nullopt;
    }
    if (!any) return std::nullopt;
    exponent += static_cast<int>(sign * value);
  }
  if (at != text.size()) return std::nullopt;
  if (firstDropped >= 0 && roundsUp(Rounding::kHalfEven, negative, coefficient % 2 == 1, firstDropped, restNonZero)) {
    ++coefficient;
    if (coefficient == kLimit) {
      coefficient /= 10;
      ++exponent;
    }
  }
  Decimal result(negative, coefficient, exponent);
  if (result.exponent_ > kMaxExponent || result.exponent_ < -kMaxExponent) {
    if (result.coefficient_ != 0 && result.exponent_ > 0) return std::nullopt;
    if (result.exponent_ < -kMaxExponent) return Decimal(0);  // underflow to zero
  }
  return result;
}

std::optional<Decimal> Decimal::fromDouble(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) return std::nullopt;
  return parse(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

std::optional<std::int64_t> Decimal::toInt64() const {
  if (!isInteger() || exponent_ > 18) return std::nullopt;
  const Uint128 magnitude = coefficient_ * pow10(exponent_);
  if (magnitude > Uint128(INT64_MAX)) return std::nullopt;
  const auto value = static_cast<std::int64_t>(magnitude);
  return negative_ ? -value : value;
}

double Decimal::toDouble() const { return std::strtod((toString()).c_str(), nullptr); }

std::size_t Decimal::hash() const {
  if (coefficient_ == 0) return 0;
  Uint128 coefficient = coefficient_;
  int exponent = exponent_;
  while (coefficient % 10 == 0) {
    coefficient /= 10;
    ++exponent;
  }
  const auto low = static_cast<std::uint64_t>(coefficient);
  const auto high = static_cast<std::uint64_t>(coefficient >> 64);
  std::size_t h = std::hash<std::uint64_t>{}(low);
  for (std::uint64_t part : {high, static_cast<std::uint64_t>(exponent), std::uint64_t{negative_}}) {
    h ^= std::hash<std::uint64_t>{}(part) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  }
  return h;
}

std::string Decimal::toString() const {
  std::string digits;
  Uint128 value = coefficient_;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  } while (value > 0);
  std::string text;
  if (exponent_ >= 0) {
    text = digits + (coefficient_ == 0 ? "" : std::string(static_cast<std::size_t>(exponent_), '0'));
  } else {
    const auto fraction = static_cast<std::size_t>(-exponent_);
    if (digits.size() > fraction) {
      text = digits.substr(0, digits.size() - fraction) + "." + digits.substr(digits.size() - fraction);
    } else {
      text = "0." + std::string(fraction - digits.size(), '0') + digits;
    }
  }
  return isNegative() ? "-" + text : text;
}

Decimal Decimal::operator-() const {
  Decimal result = *this;
  if (result.coefficient_ != 0) result.negative_ = !result.negative_;
  return result;
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  if (a.isZero()) return b;
  if (b.isZero()) return a;
  // Align on a common exponent that keeps 38 digits of the larger operand;
  // what falls below it only matters as a sticky digit for rounding.
  const int adjustedA = a.exponent_ + digitCount(a.coefficient_);
  const int adjustedB = b.exponent_ + digitCount(b.coefficient_);
  const int common = std::max(std::min(a.exponent_, b.exponent_), std::max(adjustedA, adjustedB) - 38);
  auto align = [&](const Decimal& x, bool& sticky) {
    Wide value;
    if (x.exponent_ >= common) {
      value = scaled(x.coefficient_, x.exponent_ - common);
    } else {
      const int drop = common - x.exponent_;
      const Uint128 divisor = drop > 38 ? 0 : pow10(drop);
      const Uint128 kept = divisor == 0 ? 0 : x.coefficient_ / divisor;
      sticky = divisor == 0 ? true : x.coefficient_ % divisor != 0;
      value = Wide{0, kept};
    }
    value.multiplySmall(10);  // room for the sticky digit
    if (sticky) value.add(Wide{0, 1});
    return value;
  };
  bool stickyA = false;
  bool stickyB = false;
  const Wide wideA = align(a, stickyA);
  const Wide wideB = align(b, stickyB);
  if (a.negative_ == b.negative_) {
    Wide sum = wideA;
    sum.add(wideB);
    return fromWide(a.negative_, sum, common - 1, false);
  }
  const bool aLarger = wideB < wideA;
  Wide difference = aLarger ? wideA : wideB;
  difference.subtract(aLarger ? wideB : wideA);
  return fromWide(aLarger ? a.negative_ : b.negative_, difference, common - 1, false);
}

Decimal operator-(const Decimal& a, const Decimal& b) { return a + (-b); }

Decimal operator*(const Decimal& a, const Decimal& b) {
  return fromWide(a.negative_ != b.negative_, Wide::multiply(a.coefficient_, b.coefficient_), a.exponent_ + b.exponent_,
                  false);
}

std::optional<Decimal> Decimal::divide(const Decimal& dividend, const Decimal& divisor) {
  if (divisor.isZero()) return std::nullopt;
  if (dividend.isZero()) return Decimal(0);
  // Scale the dividend so the quotient has at least 37 digits.
  const int shift = 37 + digitCount(divisor.coefficient_) - digitCount(dividend.coefficient_);
  Wide numerator = scaled(dividend.coefficient_, shift);
  const Uint128 remainder = numerator.divide(divisor.coefficient_);
  return fromWide(dividend.negative_ != divisor.negative_, numerator, dividend.exponent_ - divisor.exponent_ - shift,
                  remainder != 0);
}

std::optional<Decimal> Decimal::modulo(const Decimal& dividend, const Decimal& divisor) {
  auto quotient = divide(dividend, divisor);
  if (!quotient) return std::nullopt;
  return dividend - divisor * quotient->rounded(0, Rounding::kFloor);
}

std::optional<Decimal> Decimal::sqrt(const Decimal& value) {
  if (value.isNegative()) return std::nullopt;
  if (value.isZero()) return Decimal(0);
  auto guess = fromDouble(std::sqrt(value.toDouble()));
  if (!guess || guess->isZero()) return std::nullopt;
  Decimal x = *guess;
  const Decimal two = 2;
  for (int i = 0; i < 8; ++i) {
    const Decimal next = *divide(x + *divide(value, x), two);
    if (next == x) break;
    x = next;
  }
  return x;
}

std::optional<Decimal> Decimal::power(const Decimal& base, const Decimal& exponent) {
  if (auto n = exponent.toInt64()) {
    if (*n == 0) return Decimal(1);
    if (base.isZero()) return *n > 0 ? std::optional<Decimal>(Decimal(0)) : std::nullopt;
    std::uint64_t remaining = static_cast<std::uint64_t>(*n < 0 ? -*n : *n);
    if (remaining > 999999999) return std::nullopt;
    Decimal result = 1;
    Decimal factor = base;
    while (remaining > 0) {
      if (remaining & 1) result = result * factor;
      remaining >>= 1;
      if (remaining > 0) factor = factor * factor;
      if (std::abs(result.exponent_) > kMaxExponent || std::abs(factor.exponent_) > kMaxExponent) {
        return std::nullopt;
      }
    }
    return *n < 0 ? divide(1, result) : std::optional<Decimal>(result);
  }
  if (exponent == Decimal::parse("0.5").value()) return sqrt(base);
  const double result = std::pow(base.toDouble(), exponent.toDouble());
  return fromDouble(result);
}

Decimal Decimal::rounded(int scale, Rounding mode) const {
  if (coefficient_ == 0 || -exponent_ <= scale) return *this;
  const int drop = -exponent_ - scale;
  Uint128 kept = 0;
  int firstDropped = 0;
  bool restNonZero = false;
  if (drop > kDigits + 1) {
    restNonZero = true;  // the whole coefficient is below half a unit
  } else {
    const Uint128 divisor = pow10(drop);
    kept = coefficient_ / divisor;
    const Uint128 rest = coefficient_ % divisor;
    const Uint128 unit = divisor / 10;
    firstDropped = static_cast<int>(rest / unit);
    restNonZero = rest % unit != 0;
  }
  if (roundsUp(mode, negative_, kept % 2 == 1, firstDropped, restNonZero)) ++kept;
  return Decimal(negative_, kept, -scale);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  const bool negativeA = a.isNegative();
  const bool negativeB = b.isNegative();
  if (negativeA != negativeB) return negativeA ? std::strong_ordering::less : std::strong_ordering::greater;
  if (a.isZero() || b.isZero()) {
    if (a.isZero() && b.isZero()) return std::strong_ordering::equal;
    const bool aSmaller = a.isZero() ? !negativeB : negativeA;
    return aSmaller ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  const int adjustedA = a.exponent_ + digitCount(a.coefficient_);
  const int adjustedB = b.exponent_ + digitCount(b.coefficient_);
  std::strong_ordering magnitude = std::strong_ordering::equal;
  if (adjustedA != adjustedB) {
    magnitude = adjustedA <=> adjustedB;
  } else {
    const int common = std::min(a.exponent_, b.exponent_);
    const Wide wideA = scaled(a.coefficient_, a.exponent_ - common);
    const Wide wideB = scaled(b.coefficient_, b.exponent_ - common);
    magnitude = wideA < wideB   ? std::strong_ordering::less
                : wideB < wideA ? std::strong_ordering::greater
                                : std::strong_ordering::equal;
  }
  if (!negativeA) return magnitude;
  return magnitude == std::strong_ordering::less      ? std::strong_ordering::greater
         : magnitude == std::strong_ordering::greater ? std::strong_ordering::less
                                                      : std::strong_ordering::equal;
}

}  // namespace bpmn::feel
