from nlp.identity import find_numbers, find_subject, luhn_valid


def test_luhn_check_digit():
    assert luhn_valid("8503129820")
    assert not luhn_valid("8503129821")


def test_every_usual_spelling_gives_the_same_number():
    text = "850312-9820, 19850312-9820, 198503129820, 8503129820 och 850312 9820"
    assert [n.digits for n in find_numbers(text, 2019)] == ["198503129820"] * 5


def test_invalid_check_digit_is_not_a_personnummer():
    assert find_numbers("850312-9821", 2019) == []


def test_plus_sign_means_over_a_hundred_years():
    (number,) = find_numbers("150312+9825", 2019)
    assert number.birth_year == 1915


def test_century_of_a_ten_digit_number_keeps_the_person_under_a_hundred():
    (number,) = find_numbers("020101-9809", 2019)
    assert number.birth_year == 2002


def test_gender_from_the_third_serial_digit():
    (woman,) = find_numbers("850312-9820", 2019)
    (man,) = find_numbers("850312-9838", 2019)
    assert (woman.gender, man.gender) == ("K", "M")


def test_coordination_number_has_sixty_added_to_the_day():
    (number,) = find_numbers("850372-9827", 2019)
    assert number.is_coordination_number
    assert number.birth_year == 1985


def test_name_written_beside_the_number():
    subject = find_subject("Sökande: Anna Lindqvist, 850312-9820\nAnsökan om sysselsättning", 2019)
    assert subject.full_name == "Anna Lindqvist"
    assert subject.number.digits == "198503129820"


def test_inverted_name_after_a_label():
    subject = find_subject("Namn: Lindqvist, Anna\nPersonnummer: 19850312-9820", 2019)
    assert subject.full_name == "Anna Lindqvist"


def test_name_in_a_label_cell_and_value_cell():
    subject = find_subject("Namn\nAnna Maria Lindqvist\nPersonnr\n8503129820", 2019)
    assert subject.full_name == "Anna Maria Lindqvist"


def test_plan_naming_the_person_without_a_number():
    subject = find_subject("Genomförandeplan för Johan Ek\nMål: Johan ska ...", 2019)
    assert subject.number is None
    assert subject.full_name == "Johan Ek"


def test_labelled_number_wins_over_another_number():
    text = "Kontakt: 19700101-9801 (god man)\nPersonnummer: 850312-9820"
    assert find_subject(text, 2019).number.digits == "198503129820"


def test_name_of_a_member_and_of_a_letters_addressee():
    assert find_subject("Medlem: Sofia Holm. Kontaktperson: Jonas Ek.").full_name == "Sofia Holm"
    letter = "Östermalms sdf\nStockholm 4 november 2019\nPeter Sandberg\nVärtavägen 41\n115 29 Stockholm"
    assert find_subject(letter).full_name == "Peter Sandberg"


def test_a_name_is_written_with_capitals():
    text = "Här kommer din genomförandeplan för tiden fram till februari."
    assert find_subject(text).full_name is None
