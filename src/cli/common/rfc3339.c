/* rfc3339: checking RFC 3339 date-times. */
#include "rfc3339.h"

static bool
is_digits(const char *s, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
number_at(const char *s, int n)
{
	int			v = 0;
	int			i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM); 't', 'z' or a space allowed. */
bool
rfc3339_valid(const char *s, size_t len)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	size_t		i = 19;
	int			year,
				month,
				day;

	if (len < 20 || !is_digits(s, 4) || s[4] != '-' || !is_digits(s + 5, 2) || s[7] != '-' ||
		!is_digits(s + 8, 2) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
		!is_digits(s + 11, 2) || s[13] != ':' || !is_digits(s + 14, 2) || s[16] != ':' ||
		!is_digits(s + 17, 2))
		return false;
	year = number_at(s, 4);
	month = number_at(s + 5, 2);
	day = number_at(s + 8, 2);
	if (year < 1 || month < 1 || month > 12 || day < 1 || day > mdays[month - 1] ||
		number_at(s + 11, 2) > 23 || number_at(s + 14, 2) > 59 || number_at(s + 17, 2) > 60)
		return false;
	if (month == 2 && day == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
		return false;
	if (s[i] == '.')
	{
		i++;
		if (i >= len || !is_digits(s + i, 1))
			return false;
		while (i < len && is_digits(s + i, 1))
			i++;
	}
	if (i + 1 == len && (s[i] == 'Z' || s[i] == 'z'))
		return true;
	return i + 6 == len && (s[i] == '+' || s[i] == '-') && is_digits(s + i + 1, 2) &&
		s[i + 3] == ':' && is_digits(s + i + 4, 2) &&
		number_at(s + i + 1, 2) <= 23 && number_at(s + i + 4, 2) <= 59;
}
