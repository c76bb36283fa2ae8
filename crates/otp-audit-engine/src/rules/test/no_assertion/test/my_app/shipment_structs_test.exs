defmodule MyApp.ShipmentStructsTest do
  use ExUnit.Case, async: true

  alias MyApp.Shipping.{Parcel, Label}

  # Only builds a struct: the compiler already checks the module and its keys.
  test "Parcel struct is defined" do #~ test/no-assertion
    %Parcel{}
  end

  test "Label takes a carrier and a code" do #~ test/no-assertion
    code = "JJD0001"
    _label = %Label{carrier: :dhl, code: code}
  end

  # An update raises when `label` is some other struct: the usual advice.
  test "Label code can be replaced" do #~ test/no-assertion
    label = %Label{carrier: :dhl, code: "JJD0001"}
    %Label{label | code: "JJD0002"}
  end

  # A call inside can raise at run time: the usual advice.
  test "Parcel weight is computed" do #~ test/no-assertion
    %Parcel{grams: MyApp.Shipping.weigh([:box, :tape])}
  end

  test "Parcel defaults" do
    assert %Parcel{grams: 0} = %Parcel{}
  end
end
